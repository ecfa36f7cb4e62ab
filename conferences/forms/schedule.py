"""Forms of the schedule editor: placing an item, adding a time slot, publishing a version and
asking for the PDF programme. Choices come from lists the view loaded once, so a page with many
items does not query per form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.domain.schedule import MAX_AUDIENCE, MAX_DURATION, local
from conferences.enums import ContentLanguage
from conferences.models.schedule import VERSION_NOTE_MAX
from moteplass.i18n import weekday_date


class PlaceForm(forms.Form):
    """Where and when an item goes: a time slot, a room, an optional later start inside the
    slot, its length and whether it takes every room."""

    slot = forms.TypedChoiceField(
        label=_("Time slot"),
        coerce=int,
        error_messages={
            "required": _("Choose a time slot."),
            "invalid_choice": _("That time slot does not exist (any more). Choose another."),
        },
    )
    room = forms.TypedChoiceField(
        label=_("Room"),
        coerce=int,
        error_messages={
            "required": _("Choose a room."),
            "invalid_choice": _("That room does not exist (any more). Choose another."),
        },
    )
    start = forms.TimeField(
        label=_("Start (optional)"),
        required=False,
        help_text=_("Leave empty to start when the time slot starts. Example: 10:45."),
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Write the time as hours and minutes, e.g. 10:45.")},
    )
    duration = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=1,
        max_value=MAX_DURATION,
        error_messages={
            "required": _("Give the item a length in minutes."),
            "invalid": _("Write the length as a whole number of minutes."),
            "min_value": _("The length must be at least 1 minute."),
            "max_value": _("The length can be at most 1440 minutes (a day)."),
        },
    )
    expected_audience = forms.IntegerField(
        label=_("Expected audience (optional)"),
        required=False,
        min_value=1,
        max_value=MAX_AUDIENCE,
        help_text=_("How many people you expect; checked against the room's places."),
        error_messages={
            "invalid": _("Write the number of people as a whole number."),
            "min_value": _("The expected audience must be at least 1."),
            "max_value": _("The expected audience can be at most 100,000."),
        },
    )
    all_rooms = forms.BooleanField(label=_("Spans all rooms"), required=False)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, slots, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {slot.pk: slot for slot in slots}
        self.rooms = {room.pk: room for room in rooms}
        self.fields["slot"].choices = [("", _("Choose a time slot"))] + slot_choices(slots)
        self.fields["room"].choices = [("", _("Choose a room"))] + [
            (room.pk, room.name) for room in rooms
        ]

    def clean(self):
        data = super().clean()
        slot = self.slots.get(data.get("slot"))
        data["slot_obj"], data["room_obj"] = slot, self.rooms.get(data.get("room"))
        if slot is not None and data.get("start"):
            day = timezone.localtime(slot.start).date()
            data["start_at"] = local(day, data["start"])
        else:
            data["start_at"] = None
        return data


def slot_choices(slots) -> list:
    """Slots grouped by day for a <select> with <optgroup>s."""
    days: dict[dt.date, list] = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.start).date(), []).append(slot)
    return [
        (
            weekday_date(day),
            [
                (
                    slot.pk,
                    f"{timezone.localtime(slot.start):%H:%M}–{timezone.localtime(slot.end):%H:%M}",
                )
                for slot in day_slots
            ],
        )
        for day, day_slots in days.items()
    ]


class SlotForm(forms.Form):
    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=dt.date.fromisoformat,
        error_messages={
            "required": _("Choose a day."),
            "invalid_choice": _("Choose one of the conference's days."),
        },
    )
    start = forms.TimeField(
        label=_("Starts"),
        help_text=_("Example: 09:00"),
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Give the time the slot starts."),
            "invalid": _("Write the time as hours and minutes, e.g. 09:00."),
        },
    )
    end = forms.TimeField(
        label=_("Ends"),
        help_text=_("Example: 10:30"),
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Give the time the slot ends."),
            "invalid": _("Write the time as hours and minutes, e.g. 10:30."),
        },
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        days = [conference.start_date + dt.timedelta(days=n) for n in range(conference.days)]
        self.fields["day"].choices = [
            (day.isoformat(), weekday_date(day, year=True)) for day in days
        ]


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("Note to readers (optional)"),
        required=False,
        max_length=VERSION_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the version in the public list of changes."),
        error_messages={
            "max_length": _(
                "The note is too long: it may have at most %(limit_value)d characters, it has "
                "%(show_value)d."
            )
        },
    )
    confirm_conflicts = forms.BooleanField(
        label=_("Publish even though the programme has conflicts"), required=False
    )


class PdfForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=ContentLanguage.choices)
