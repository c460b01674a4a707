/* crm-contact-row.h — CrmContactRow, one row of the contact list: a check box (shown in
 * selection mode) and two lines of text, the name and a smaller, dimmed detail line, which the
 * row draws itself. Its size does not depend on its text, so new texts only redraw it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_ROW (crm_contact_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactRow, crm_contact_row, CRM, CONTACT_ROW, GtkWidget)

GtkWidget *
crm_contact_row_new (void);

/* Shows @name and, under it, @detail (NULL or "" for none). Both are plain text, never markup. */
void
crm_contact_row_set_texts (CrmContactRow *self, const char *name, const char *detail);
/* The texts shown ("" when none). */
const char *
crm_contact_row_get_name (CrmContactRow *self);
const char *
crm_contact_row_get_detail (CrmContactRow *self);

/* The row's check box, for selection mode: hidden until the caller shows it. */
GtkCheckButton *
crm_contact_row_get_check_button (CrmContactRow *self);

G_END_DECLS
