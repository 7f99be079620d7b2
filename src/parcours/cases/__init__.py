"""Dynamic case management: cases, suggested processes, collaboration log, SLAs, loop figures."""
