"""The attribution engine's parts kept as data: the rule table, the word lists, and the passes built on them."""
