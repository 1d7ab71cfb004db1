"""The bazar: events, booths, interest cards, workshops, effect survey. Arrives later."""
