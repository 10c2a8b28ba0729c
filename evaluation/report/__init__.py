"""How the kajian's report is built; evaluation.selectors.evaluation_report is its entry point."""
