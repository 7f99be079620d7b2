"""Insights: what matters most and what to do next (drivers, peak-end, Kano, churn, next best
action, recommendations), each with its method, sample size and uncertainty."""
