"""Change theories (forandringsteorier). Their models arrive with their own issue."""
