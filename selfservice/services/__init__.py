"""The employee's own services, one module per job.

- calendar_tokens: the secret address of the employee's iCal feed
- swap_rules: every rule a swap of two published days must keep (`swap_check`)
- swaps: the swap's life cycle (request, the colleague's answer, the decision, cancellation)
- swap_mail: the mails the life cycle sends
"""
