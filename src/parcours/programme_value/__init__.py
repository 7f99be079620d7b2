"""The value of the programme (seed 004): what churn costs, what the customers saved by the
closed loop are worth, and what the gestures cost; an auditable calculation."""
