from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

INPUT_CLASSES = {
    "select": "ds-input",
    "selectmultiple": "ds-input",
    "textarea": "ds-input",
    "checkbox": "ds-input",
}


class AccessibleBoundField(BoundField):
    """Designsystemet classes on every input, and errors linked with aria-describedby."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = attrs.get("class", "")
        if "ds-input" not in classes:
            attrs["class"] = f"{classes} ds-input".strip()
        described = [part for part in attrs.get("aria-describedby", "").split() if part]
        if self.help_text and f"{self.auto_id}_helptext" not in described:
            described.append(f"{self.auto_id}_helptext")
        if self.errors and self.auto_id:
            if f"{self.auto_id}_error" not in described:
                described.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described:
            attrs["aria-describedby"] = " ".join(described)
        return attrs


class FormRenderer(TemplatesSetting):
    """Render every form through our accessible templates (templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = AccessibleBoundField
