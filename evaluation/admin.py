from django.contrib import admin

from evaluation.models import (
    EvaluationPlan,
    OperatingCost,
    PerformanceTarget,
    ReadinessAssessment,
    Recommendation,
    ServiceOutput,
)


@admin.register(EvaluationPlan)
class EvaluationPlanAdmin(admin.ModelAdmin):
    list_display = ["programme", "baseline_label", "baseline_start", "baseline_end", "next_period"]
    filter_horizontal = ["phases"]


@admin.register(OperatingCost)
class OperatingCostAdmin(admin.ModelAdmin):
    list_display = ["opd", "month", "electricity_rp", "water_rp", "internet_rp", "source"]
    list_filter = ["month", "source"]
    search_fields = ["opd__code", "opd__name"]
    list_select_related = ["opd"]
    raw_id_fields = ["opd", "updated_by"]


@admin.register(ServiceOutput)
class ServiceOutputAdmin(admin.ModelAdmin):
    list_display = ["opd", "start", "end", "services_delivered", "complaints", "source"]
    list_filter = ["source"]
    search_fields = ["opd__code"]
    list_select_related = ["opd"]
    raw_id_fields = ["opd"]


@admin.register(PerformanceTarget)
class PerformanceTargetAdmin(admin.ModelAdmin):
    list_display = ["employee", "month", "attainment_percent", "source"]
    list_filter = ["month"]
    search_fields = ["employee__nip", "employee__name"]
    raw_id_fields = ["employee"]


@admin.register(ReadinessAssessment)
class ReadinessAssessmentAdmin(admin.ModelAdmin):
    list_display = ["opd", "online_tasks", "devices", "online_sop", "supervision", "data_security"]
    search_fields = ["opd__code"]
    raw_id_fields = ["opd", "assessed_by"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["opd", "plan", "computed_option", "decision", "chosen_option"]
    list_filter = ["computed_option", "decision"]
    raw_id_fields = ["opd", "decided_by"]
