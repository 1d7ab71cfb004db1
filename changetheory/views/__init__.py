"""Change-theory pages: the list, one theory (diagram, health, history), and its editor."""
