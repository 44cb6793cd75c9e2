"""Things (seed 002), mounted at /things: the Carte documentation template's API, made real."""
