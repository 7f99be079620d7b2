"""Peak-end: does the worst moment and the end explain the overall rating better than the mean?"""
