/* crm-deal-card.c — CrmDealCard: shows one CrmDeal and follows its property notifications, so a
 * store write (from this window, the undo stack or another process) shows at once. The card
 * is a drag source whose content is the CrmDeal object itself, never the widget: a list view
 * may recycle the widget for another deal while the drag is under way.
 *
 * The card builds its children in code rather than from a GtkBuilder template: the board makes
 * a card for every deal in view when it opens, and parsing a template per card was a good part
 * of the first frame's time. The widgets, style classes and properties are the ones a template
 * would set (see build_children).
 */
#include "config.h"

#include "crm-deal-card.h"

#include <glib/gi18n.h>

#include "crm-board-money.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

struct _CrmDealCard
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmDeal *deal;
  CrmStage *stage;
  /* The CrmCompany or CrmContact named on the card, held so its name stays live. */
  GObject *party;
  GBinding *title_binding;
  GBinding *party_binding;
  gulong deal_notify_handler;
  gulong stage_notify_handler;

  int days_in_stage;
  gboolean stale;
  double drag_x;
  double drag_y;

  /* Children */
  GtkLabel *title_label;
  GtkWidget *stale_badge;
  GtkLabel *party_label;
  GtkLabel *value_label;
  GtkWidget *close_box;
  GtkLabel *close_label;
  GtkLabel *age_label;
};

G_DEFINE_FINAL_TYPE (CrmDealCard, crm_deal_card, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_DEAL,
  PROP_STAGE,
  PROP_DAYS_IN_STAGE,
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
crm_deal_card_new (CrmRepository *repository)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  return g_object_new (CRM_TYPE_DEAL_CARD, "repository", repository, NULL);
}

/* ---- What the card shows ---------------------------------------------------------------- */

/* The screen reader's summary of the card: its name is the title, its description the rest. */
static void
update_accessible (CrmDealCard *self)
{
  g_autoptr (GString) description = g_string_new (NULL);
  GtkLabel *parts[] = { self->party_label, self->value_label, self->close_label, self->age_label };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *text = gtk_label_get_text (parts[i]);

      if (text == NULL || text[0] == '\0' || !gtk_widget_is_visible (GTK_WIDGET (parts[i]))
          || (parts[i] == self->close_label && !gtk_widget_is_visible (self->close_box)))
        continue;
      if (description->len > 0)
        g_string_append (description, ", ");
      if (parts[i] == self->close_label)
        /* Translators: in a deal's description for screen readers; %s is a date. */
        g_string_append_printf (description, _ ("expected to close %s"), text);
      else
        g_string_append (description, text);
    }
  if (self->stale)
    {
      if (description->len > 0)
        g_string_append (description, ", ");
      g_string_append (description, _ ("stale"));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->deal != NULL ? crm_deal_get_title (self->deal) : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
}

static void
update_party (CrmDealCard *self)
{
  g_autoptr (GObject) party = NULL;
  gint64 company_id = self->deal != NULL ? crm_deal_get_company_id (self->deal) : 0;
  gint64 contact_id = self->deal != NULL ? crm_deal_get_contact_id (self->deal) : 0;

  if (company_id != 0)
    party = crm_repository_get_object (self->repository, CRM_ENTITY_COMPANY, company_id, NULL);
  if (party == NULL && contact_id != 0)
    party = crm_repository_get_object (self->repository, CRM_ENTITY_CONTACT, contact_id, NULL);

  if (party == self->party && party != NULL)
    return;
  g_clear_pointer (&self->party_binding, g_binding_unbind);
  g_clear_object (&self->party);

  if (party == NULL)
    {
      gtk_label_set_text (self->party_label, _ ("No company or contact"));
      return;
    }
  self->party = g_steal_pointer (&party);
  self->party_binding = g_object_bind_property (self->party, "name", self->party_label, "label",
                                                G_BINDING_SYNC_CREATE);
}

static void
update_value (CrmDealCard *self)
{
  g_autofree char *text = NULL;

  if (self->deal == NULL)
    return;
  text = crm_money_format (crm_deal_get_value_minor (self->deal),
                           crm_deal_get_currency (self->deal));
  gtk_label_set_text (self->value_label, text);
}

static gboolean
is_closed_stage (CrmDealCard *self)
{
  return self->stage != NULL && crm_stage_get_kind (self->stage) != CRM_STAGE_KIND_OPEN;
}

static void
update_close_date (CrmDealCard *self)
{
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *text = NULL;
  gint64 expected_close = self->deal != NULL ? crm_deal_get_expected_close (self->deal) : 0;

  /* Closed: the expected date is history; the age line says when it closed. */
  gtk_widget_set_visible (self->close_box, expected_close != 0 && !is_closed_stage (self));
  if (expected_close == 0)
    return;

  /* A close date is a day, stored as its first second in UTC: read it back in UTC. */
  date = g_date_time_new_from_unix_utc (expected_close);
  now = g_date_time_new_now_utc ();
  if (g_date_time_get_year (date) == g_date_time_get_year (now))
    /* Translators: an expected close date in this year, as g_date_time_format() takes it. */
    text = g_date_time_format (date, C_ ("deal card date", "%b %-d"));
  else
    /* Translators: an expected close date in another year, as g_date_time_format() takes it. */
    text = g_date_time_format (date, C_ ("deal card date", "%b %-d, %Y"));
  gtk_label_set_text (self->close_label, text);
}

/* In Won and Lost: "Won on Mar 3" or "Lost on Mar 3" where the age would be. */
static gboolean
show_closed_date (CrmDealCard *self)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;
  gint64 closed_at = 0;

  if (self->deal == NULL || !is_closed_stage (self))
    return FALSE;
  g_object_get (self->deal, "closed-at", &closed_at, NULL);
  if (closed_at == 0)
    return FALSE;

  date = g_date_time_new_from_unix_local (closed_at);
  /* Translators: a day, as g_date_time_format() takes it, in "Won on %s" and "Lost on %s". */
  day = g_date_time_format (date, C_ ("deal card date", "%b %-d, %Y"));
  if (crm_stage_get_kind (self->stage) == CRM_STAGE_KIND_WON)
    /* Translators: %s is the day a deal was won, e.g. "Mar 3, 2026". */
    text = g_strdup_printf (_ ("Won on %s"), day);
  else
    /* Translators: %s is the day a deal was lost, e.g. "Mar 3, 2026". */
    text = g_strdup_printf (_ ("Lost on %s"), day);
  gtk_label_set_text (self->age_label, text);

  gtk_widget_set_visible (self->stale_badge, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "crm-stale");
  if (self->stale)
    {
      self->stale = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
    }
  return TRUE;
}

void
crm_deal_card_refresh_age (CrmDealCard *self)
{
  g_autofree char *age = NULL;
  gint64 entered;
  int rotting_days;
  int days = 0;
  gboolean stale;

  g_return_if_fail (CRM_IS_DEAL_CARD (self));

  /* A closed deal's age in Won or Lost says nothing: the card says when it closed. */
  if (show_closed_date (self))
    return;

  entered = self->deal != NULL ? crm_deal_get_stage_entered_at (self->deal) : 0;
  if (entered > 0)
    days = (int) MAX (0, (g_get_real_time () / G_USEC_PER_SEC - entered) / SECONDS_PER_DAY);
  rotting_days = self->stage != NULL ? crm_stage_get_rotting_days (self->stage) : 0;
  stale = self->deal != NULL && rotting_days > 0 && days > rotting_days;

  if (days == 0)
    age = g_strdup (_ ("New in this stage"));
  else
    age = g_strdup_printf (ngettext ("%d day in stage", "%d days in stage", days), days);
  gtk_label_set_text (self->age_label, age);

  gtk_widget_set_visible (self->stale_badge, stale);
  if (stale)
    {
      g_autofree char *tooltip
          = g_strdup_printf (ngettext ("No progress for more than %d day",
                                       "No progress for more than %d days", rotting_days),
                             rotting_days);
      if (g_strcmp0 (gtk_widget_get_tooltip_text (self->stale_badge), tooltip) != 0)
        gtk_widget_set_tooltip_text (self->stale_badge, tooltip);
      gtk_widget_add_css_class (GTK_WIDGET (self), "crm-stale");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "crm-stale");

  if (days != self->days_in_stage)
    {
      self->days_in_stage = days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS_IN_STAGE]);
    }
  if (stale != self->stale)
    {
      self->stale = stale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
    }
}

static void
on_deal_notify (CrmDealCard *self, GParamSpec *pspec, CrmDeal *deal)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "company-id") || g_str_equal (name, "contact-id"))
    update_party (self);
  else if (g_str_equal (name, "value-minor") || g_str_equal (name, "currency"))
    update_value (self);
  else if (g_str_equal (name, "expected-close"))
    update_close_date (self);
  else if (g_str_equal (name, "stage-entered-at") || g_str_equal (name, "closed-at"))
    crm_deal_card_refresh_age (self);
  else if (!g_str_equal (name, "title"))
    return;
  update_accessible (self);
}

static void
on_stage_rotting_days_notify (CrmDealCard *self)
{
  crm_deal_card_refresh_age (self);
  update_accessible (self);
}

/* ---- Public API ------------------------------------------------------------------------- */

CrmDeal *
crm_deal_card_get_deal (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), NULL);

  return self->deal;
}

void
crm_deal_card_set_deal (CrmDealCard *self, CrmDeal *deal)
{
  g_return_if_fail (CRM_IS_DEAL_CARD (self));
  g_return_if_fail (deal == NULL || CRM_IS_DEAL (deal));

  if (self->deal == deal)
    return;

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  if (self->deal != NULL)
    g_clear_signal_handler (&self->deal_notify_handler, self->deal);
  g_set_object (&self->deal, deal);
  /* A recycled card may have been the one being dragged. */
  gtk_widget_remove_css_class (GTK_WIDGET (self), "crm-dragged");

  if (deal != NULL)
    {
      self->title_binding = g_object_bind_property (deal, "title", self->title_label, "label",
                                                    G_BINDING_SYNC_CREATE);
      self->deal_notify_handler = g_signal_connect_object (
          deal, "notify", G_CALLBACK (on_deal_notify), self, G_CONNECT_SWAPPED);
    }
  else
    gtk_label_set_text (self->title_label, "");

  update_party (self);
  update_value (self);
  update_close_date (self);
  crm_deal_card_refresh_age (self);
  update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEAL]);
}

CrmStage *
crm_deal_card_get_stage (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), NULL);

  return self->stage;
}

void
crm_deal_card_set_stage (CrmDealCard *self, CrmStage *stage)
{
  g_return_if_fail (CRM_IS_DEAL_CARD (self));
  g_return_if_fail (stage == NULL || CRM_IS_STAGE (stage));

  if (self->stage == stage)
    return;

  if (self->stage != NULL)
    g_clear_signal_handler (&self->stage_notify_handler, self->stage);
  g_set_object (&self->stage, stage);
  if (stage != NULL)
    self->stage_notify_handler = g_signal_connect_object (stage, "notify::rotting-days",
                                                          G_CALLBACK (on_stage_rotting_days_notify),
                                                          self, G_CONNECT_SWAPPED);
  update_close_date (self);
  crm_deal_card_refresh_age (self);
  update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

int
crm_deal_card_get_days_in_stage (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), 0);

  return self->days_in_stage;
}

gboolean
crm_deal_card_get_stale (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), FALSE);

  return self->stale;
}

/* ---- Input ------------------------------------------------------------------------------ */

/* The tooltip's text is set when asked for: setting it on every card made costs more. */
static gboolean
on_close_box_query_tooltip (CrmDealCard *self,
                            int x,
                            int y,
                            gboolean keyboard_mode,
                            GtkTooltip *tooltip,
                            GtkWidget *close_box)
{
  gtk_tooltip_set_text (tooltip, _ ("Expected close date"));
  return TRUE;
}

/* Double click, Enter or Space on a card opens the deal editor (win.edit-deal). */
static void
crm_deal_card_open_editor (CrmDealCard *self)
{
  if (self->deal != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-deal", "x",
                                crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->deal)));
}

static gboolean
on_key_pressed (CrmDealCard *self,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                GtkEventControllerKey *controller)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_space)
    return FALSE;
  crm_deal_card_open_editor (self);
  return TRUE;
}

static void
on_click_pressed (CrmDealCard *self, int n_press, double x, double y, GtkGestureClick *gesture)
{
  /* Not claimed: the same press may start a drag. */
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    crm_deal_card_open_editor (self);
}

static GdkContentProvider *
on_drag_source_prepare (CrmDealCard *self, double x, double y, GtkDragSource *source)
{
  if (self->deal == NULL)
    return NULL;

  self->drag_x = x;
  self->drag_y = y;
  return gdk_content_provider_new_typed (CRM_TYPE_DEAL, self->deal);
}

static void
on_drag_source_drag_begin (CrmDealCard *self, GdkDrag *drag, GtkDragSource *source)
{
  g_autoptr (GdkPaintable) live = gtk_widget_paintable_new (GTK_WIDGET (self));
  /* A still image: the live paintable would follow the card as it dims below. */
  g_autoptr (GdkPaintable) image = gdk_paintable_get_current_image (live);

  gtk_drag_source_set_icon (source, image, (int) self->drag_x, (int) self->drag_y);
  gtk_widget_add_css_class (GTK_WIDGET (self), "crm-dragged");
}

static void
on_drag_source_drag_end (CrmDealCard *self,
                         GdkDrag *drag,
                         gboolean delete_data,
                         GtkDragSource *source)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "crm-dragged");
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_deal_card_dispose (GObject *object)
{
  CrmDealCard *self = CRM_DEAL_CARD (object);
  GtkWidget *child;

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_pointer (&self->party_binding, g_binding_unbind);
  if (self->deal != NULL)
    g_clear_signal_handler (&self->deal_notify_handler, self->deal);
  if (self->stage != NULL)
    g_clear_signal_handler (&self->stage_notify_handler, self->stage);
  g_clear_object (&self->deal);
  g_clear_object (&self->stage);
  g_clear_object (&self->party);
  g_clear_object (&self->repository);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_deal_card_parent_class)->dispose (object);
}

static void
crm_deal_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmDealCard *self = CRM_DEAL_CARD (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        g_value_set_object (value, self->repository);
        break;

      case PROP_DEAL:
        g_value_set_object (value, self->deal);
        break;

      case PROP_STAGE:
        g_value_set_object (value, self->stage);
        break;

      case PROP_DAYS_IN_STAGE:
        g_value_set_int (value, self->days_in_stage);
        break;

      case PROP_STALE:
        g_value_set_boolean (value, self->stale);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_deal_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CrmDealCard *self = CRM_DEAL_CARD (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        self->repository = g_value_dup_object (value);
        break;

      case PROP_DEAL:
        crm_deal_card_set_deal (self, g_value_get_object (value));
        break;

      case PROP_STAGE:
        crm_deal_card_set_stage (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_deal_card_class_init (CrmDealCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_deal_card_dispose;
  object_class->get_property = crm_deal_card_get_property;
  object_class->set_property = crm_deal_card_set_property;

  properties[PROP_REPOSITORY]
      = g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEAL]
      = g_param_spec_object ("deal", NULL, NULL, CRM_TYPE_DEAL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE]
      = g_param_spec_object ("stage", NULL, NULL, CRM_TYPE_STAGE,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAYS_IN_STAGE]
      = g_param_spec_int ("days-in-stage", NULL, NULL, 0, G_MAXINT, 0,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE]
      = g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dealcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* ---- Children ---------------------------------------------------------------------------- */

/* A label for user text: plain text (no markup), aligned to the start, cut short with an
 * ellipsis rather than widening the card. */
static GtkLabel *
new_text_label (const char *first_class, const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  if (first_class != NULL)
    gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  return GTK_LABEL (label);
}

static GtkWidget *
new_row (int spacing)
{
  return gtk_box_new (GTK_ORIENTATION_HORIZONTAL, spacing);
}

/* Title and stale badge; party; value and expected close; age. */
static void
build_children (CrmDealCard *self)
{
  GtkWidget *title_row = new_row (6);
  GtkWidget *value_row = new_row (12);
  /* Decoration: the tooltip and the card's description say what the date is. */
  GtkWidget *calendar = g_object_new (GTK_TYPE_IMAGE, "icon-name", "x-office-calendar-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  self->title_label = new_text_label ("heading", NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->title_label, 3);
  gtk_box_append (GTK_BOX (title_row), GTK_WIDGET (self->title_label));

  self->stale_badge = gtk_label_new (C_ ("deal card badge", "Stale"));
  gtk_widget_set_visible (self->stale_badge, FALSE);
  gtk_widget_set_valign (self->stale_badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->stale_badge, "caption-heading");
  gtk_widget_add_css_class (self->stale_badge, "crm-stale-badge");
  gtk_box_append (GTK_BOX (title_row), self->stale_badge);
  gtk_widget_set_parent (title_row, GTK_WIDGET (self));

  self->party_label = new_text_label ("dim-label", NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->party_label), GTK_WIDGET (self));

  self->value_label = new_text_label ("numeric", "crm-deal-value");
  gtk_widget_set_hexpand (GTK_WIDGET (self->value_label), TRUE);
  gtk_box_append (GTK_BOX (value_row), GTK_WIDGET (self->value_label));

  self->close_box = new_row (6);
  gtk_widget_set_has_tooltip (self->close_box, TRUE);
  g_signal_connect_object (self->close_box, "query-tooltip",
                           G_CALLBACK (on_close_box_query_tooltip), self, G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (calendar, "dim-label");
  gtk_box_append (GTK_BOX (self->close_box), calendar);
  self->close_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->close_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->close_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->close_label), "numeric");
  gtk_box_append (GTK_BOX (self->close_box), GTK_WIDGET (self->close_label));
  gtk_box_append (GTK_BOX (value_row), self->close_box);
  gtk_widget_set_parent (value_row, GTK_WIDGET (self));

  self->age_label = new_text_label ("caption", "dim-label");
  gtk_widget_set_parent (GTK_WIDGET (self->age_label), GTK_WIDGET (self));
}

/* A click focuses the card (the list item does not: it is neither selectable nor
 * activatable), so the keyboard moves apply to the card just clicked; a drag carries the deal. */
static void
add_controllers (CrmDealCard *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag_source = gtk_drag_source_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  /* Connected to the card's life: a drag keeps its source alive after a recycled card is gone. */
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect_object (drag_source, "prepare", G_CALLBACK (on_drag_source_prepare), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag_source, "drag-begin", G_CALLBACK (on_drag_source_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag_source, "drag-end", G_CALLBACK (on_drag_source_drag_end), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag_source));
}

static void
crm_deal_card_init (CrmDealCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "crm-deal-card");

  build_children (self);
  add_controllers (self);
}
