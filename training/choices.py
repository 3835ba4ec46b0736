from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingKind(models.TextChoices):
    """The kinds of training the county notice names (R3.2)."""

    POLICY_THEORY = "policy_theory", _("Policy theory")
    PRACTICAL_SKILLS = "practical_skills", _("Practical skills")
    JOINT_TRAINING = "joint_training", _("Joint training with judges, prosecutors, police and lawyers")
    MOOT_COURT = "moot_court", _("Moot court")
    PRACTICE_BASE = "practice_base", _("Practice base at a law firm")
