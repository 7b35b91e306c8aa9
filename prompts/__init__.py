"""whosaid's prompt templates (extractive/*.txt, llm/*.txt), shipped as package data and read by app/prompts.py."""
