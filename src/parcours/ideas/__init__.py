"""Co-construction: ideas and questions about journey steps, owned and answered on time."""
