"""Planning: the story budget (assignments made before any text exists), the editorial
calendar, its printable day budget and each person's iCalendar feed.

Uses ``articles`` (its models, workflow rules and revisions), ``photos`` and ``newsroom``;
nothing in ``articles``, ``photos`` or ``public`` imports ``planning``. The desk shows its part
through the template tag ``{% assigned_to_me %}``, loaded by the admin's index template.
"""
