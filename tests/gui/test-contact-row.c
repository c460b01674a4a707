/* test-contact-row.c — CrmContactRow, a row of the contact list: its texts as given (never
 * markup), a size that follows its fonts and lines but not its texts (the same as the two
 * labels it replaces), both lines drawn with the detail dimmed, and its check box at the start
 * in either direction. */
#include "config.h"

#include "crm-contact-row.h"
#include "crm-gui-test-util.h"

#define LONG_NAME "Maximiliane Konstantinopoulou-Vandenberghe de la Fontaine-Saint-Exupéry"
#define LONG_DETAIL                                                                                \
  "Zeitgeist Industrieautomation und Systemtechnik GmbH · m.konstantinopoulou@example.com"

typedef struct
{
  GtkWindow *window;
  GtkBox *box;
  CrmContactRow *row;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  fixture->row = CRM_CONTACT_ROW (crm_contact_row_new ());
  gtk_box_append (fixture->box, GTK_WIDGET (fixture->row));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->box));
  gtk_window_set_default_size (fixture->window, 400, 200);
  gtk_window_present (fixture->window);
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->row, "the row to show");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (fixture->window);
  crm_test_iterate_main_context ();
}

static void
measure (GtkWidget *widget, GtkOrientation orientation, int *minimum, int *natural)
{
  gtk_widget_measure (widget, orientation, -1, minimum, natural, NULL, NULL);
}

/* The texts are kept as they are: markup characters included, none for NULL. */
static void
test_contact_row_texts (Fixture *fixture, gconstpointer data)
{
  crm_contact_row_set_texts (fixture->row, "AT&T <b>Sales</b>", "<i>x</i> & y");
  g_assert_cmpstr (crm_contact_row_get_name (fixture->row), ==, "AT&T <b>Sales</b>");
  g_assert_cmpstr (crm_contact_row_get_detail (fixture->row), ==, "<i>x</i> & y");
  crm_contact_row_set_texts (fixture->row, NULL, NULL);
  g_assert_cmpstr (crm_contact_row_get_name (fixture->row), ==, "");
  g_assert_cmpstr (crm_contact_row_get_detail (fixture->row), ==, "");
  /* Read as a label by assistive technologies. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->row)), ==,
                   GTK_ACCESSIBLE_ROLE_LABEL);
  /* The check box waits for selection mode. */
  g_assert_false (
      gtk_widget_get_visible (GTK_WIDGET (crm_contact_row_get_check_button (fixture->row))));
  g_assert_true (
      gtk_widget_get_parent (GTK_WIDGET (crm_contact_row_get_check_button (fixture->row)))
      == GTK_WIDGET (fixture->row));
}

/* The two labels the row replaced, as the list had them: ellipsized, at most 28 and 36
 * characters, the second a dimmed caption, one above the other. */
static GtkWidget *
labels_new (const char *name, const char *detail)
{
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *detail_label = gtk_label_new (detail);

  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 28);
  gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (detail_label), 36);
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_box_append (GTK_BOX (labels), name_label);
  gtk_box_append (GTK_BOX (labels), detail_label);
  gtk_widget_set_visible (detail_label, detail != NULL);
  return labels;
}

/* The size: the same for any text, as tall as the labels were (one line or two), as wide as
 * they asked to be with long texts (the list pane's width, by which the smart lists fold). */
static void
test_contact_row_size (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row = GTK_WIDGET (fixture->row);
  GtkWidget *labels = labels_new (LONG_NAME, LONG_DETAIL);
  GtkWidget *name_only = labels_new (LONG_NAME, NULL);
  int short_width, short_height, long_width, long_height, minimum, natural;
  int labels_width, labels_height, one_line_height;

  gtk_box_append (fixture->box, labels);
  gtk_box_append (fixture->box, name_only);

  crm_contact_row_set_texts (fixture->row, "Al", "x");
  measure (row, GTK_ORIENTATION_HORIZONTAL, &minimum, &short_width);
  measure (row, GTK_ORIENTATION_VERTICAL, NULL, &short_height);
  crm_contact_row_set_texts (fixture->row, LONG_NAME, LONG_DETAIL);
  measure (row, GTK_ORIENTATION_HORIZONTAL, NULL, &long_width);
  measure (row, GTK_ORIENTATION_VERTICAL, NULL, &long_height);
  g_assert_cmpint (short_width, ==, long_width);
  g_assert_cmpint (short_height, ==, long_height);
  g_assert_cmpint (minimum, <, 20);

  measure (labels, GTK_ORIENTATION_HORIZONTAL, NULL, &labels_width);
  measure (labels, GTK_ORIENTATION_VERTICAL, NULL, &labels_height);
  g_assert_cmpint (long_width, ==, labels_width);
  g_assert_cmpint (long_height, ==, labels_height);

  crm_contact_row_set_texts (fixture->row, LONG_NAME, NULL);
  measure (row, GTK_ORIENTATION_VERTICAL, NULL, &natural);
  measure (name_only, GTK_ORIENTATION_VERTICAL, NULL, &one_line_height);
  g_assert_cmpint (natural, ==, one_line_height);
  g_assert_cmpint (natural, <, long_height);
}

/* The text nodes under @node, in drawing order. */
static void
collect_text_nodes (GskRenderNode *node, GPtrArray *texts)
{
  switch (gsk_render_node_get_node_type (node))
    {
      case GSK_TEXT_NODE:
        g_ptr_array_add (texts, node);
        break;
      case GSK_CONTAINER_NODE:
        for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
          collect_text_nodes (gsk_container_node_get_child (node, i), texts);
        break;
      case GSK_TRANSFORM_NODE:
        collect_text_nodes (gsk_transform_node_get_child (node), texts);
        break;
      case GSK_OPACITY_NODE:
        collect_text_nodes (gsk_opacity_node_get_child (node), texts);
        break;
      case GSK_CLIP_NODE:
        collect_text_nodes (gsk_clip_node_get_child (node), texts);
        break;
      default:
        break;
    }
}

static GskRenderNode *
render_row (Fixture *fixture)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->row));
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  crm_test_run_for (50);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (GTK_WIDGET (fixture->row)),
                          gtk_widget_get_height (GTK_WIDGET (fixture->row)));
  return gtk_snapshot_free_to_node (snapshot);
}

/* Both lines drawn, in the row's colour, the second dimmed; one line without a detail. */
static void
test_contact_row_draws (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GskRenderNode) name_only = NULL;
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  const GdkRGBA *name_color, *detail_color;

  crm_contact_row_set_texts (fixture->row, "Aino Ali", "Prism Hotels · aino@example.com");
  node = render_row (fixture);
  g_assert_nonnull (node);
  collect_text_nodes (node, texts);
  g_assert_cmpuint (texts->len, ==, 2);
  name_color = gsk_text_node_get_color (g_ptr_array_index (texts, 0));
  detail_color = gsk_text_node_get_color (g_ptr_array_index (texts, 1));
  g_assert_cmpfloat (name_color->alpha, >, 0.5);
  g_assert_cmpfloat (detail_color->alpha, <, name_color->alpha * 0.95);
  g_assert_cmpfloat (detail_color->red, ==, name_color->red);

  crm_contact_row_set_texts (fixture->row, "Aino Ali", NULL);
  name_only = render_row (fixture);
  g_ptr_array_set_size (texts, 0);
  collect_text_nodes (name_only, texts);
  g_assert_cmpuint (texts->len, ==, 1);
}

/* The check box takes its place at the start of the row: left, or right right-to-left. */
static void
test_contact_row_check_box (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row = GTK_WIDGET (fixture->row);
  GtkWidget *check = GTK_WIDGET (crm_contact_row_get_check_button (fixture->row));
  int width_without, width_with, check_width;
  graphene_rect_t bounds;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();

  crm_contact_row_set_texts (fixture->row, "Aino Ali", "aino@example.com");
  measure (row, GTK_ORIENTATION_HORIZONTAL, NULL, &width_without);
  gtk_widget_set_visible (check, TRUE);
  measure (row, GTK_ORIENTATION_HORIZONTAL, NULL, &width_with);
  measure (check, GTK_ORIENTATION_HORIZONTAL, NULL, &check_width);
  g_assert_cmpint (width_with, ==, width_without + check_width + 12);

  crm_test_run_for (50);
  g_assert_true (gtk_widget_compute_bounds (check, row, &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 0);

  gtk_widget_set_direction (row, GTK_TEXT_DIR_RTL);
  crm_test_run_for (50);
  g_assert_true (gtk_widget_compute_bounds (check, row, &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, ==, gtk_widget_get_width (row));
  node = render_row (fixture);
  g_ptr_array_set_size (texts, 0);
  collect_text_nodes (node, texts);
  g_assert_cmpuint (texts->len, ==, 2);
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;
  adw_init ();

  CRM_TEST_ADD_F ("/gui/contact-row/texts", test_contact_row_texts);
  CRM_TEST_ADD_F ("/gui/contact-row/size", test_contact_row_size);
  CRM_TEST_ADD_F ("/gui/contact-row/draws", test_contact_row_draws);
  CRM_TEST_ADD_F ("/gui/contact-row/check-box", test_contact_row_check_box);
  return g_test_run ();
}
