"""Readers of published reports (text, HTML, PDF, Word, Markdown), registered as plugins."""
