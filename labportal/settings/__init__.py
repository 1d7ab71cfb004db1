"""Settings as a package: base holds everything, the others adjust it per environment."""
