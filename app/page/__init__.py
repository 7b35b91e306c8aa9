"""The chat page's parts: one module per tab, the question checks, the turn, the records the tabs read, the style."""
