"""Churn risk and next best action: a calibrated model of telco churn, each customer's top
reasons in plain words (FR/EN), the retention action of highest expected value, and the risk of
Parcours customers raised by their unresolved dissatisfaction (open cases, unanswered
detractors), with a rules event for those over a threshold."""
