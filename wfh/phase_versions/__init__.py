"""A phase's policy changes from a date (a moved weekday, a new ratio, cap or exemptions).

`spans` (pure) cuts a phase into the stretches each version governs; `models` holds
PhaseVersion; `changes` is the service that records a change and queues the regeneration;
`history` words a phase's history for its page.
"""
