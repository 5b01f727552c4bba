"""nginx as the site is published: configuration files and the code that runs them locally."""
