"""The trained models of the verbatim engine: sentiment, aspect sentiment, and their evaluation."""
