"""Feedback: surveys and typed questions per step and channel, responses, answers, verbatims."""
