"""The matters app's views: lists and forms, the matter page with its actions, decisions, statistics."""
