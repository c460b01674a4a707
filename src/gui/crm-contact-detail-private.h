/* crm-contact-detail-private.h — what the parts of CrmContactDetail share: the widget's
 * structure, the edited fields (one per row the user can change, saved when applied or left),
 * and the page builders of the contact (crm-contact-detail-contact.c) and the company
 * (crm-contact-detail-company.c). */
#pragma once

#include "crm-contact-detail.h"
#include "crm-entity-picker.h"
#include "crm-timeline-list.h"

G_BEGIN_DECLS

typedef enum
{
  FIELD_ENTRY, /* an AdwEntryRow */
  FIELD_COMBO, /* an AdwComboRow */
  FIELD_TEXT,  /* a GtkTextView (notes) */
  FIELD_INFO,  /* an AdwActionRow whose subtitle says it (read only) */
} FieldKind;

typedef struct _DetailField DetailField;

/* Writes what @field shows to the store; sets @error (a message for the user) when refused. */
typedef gboolean (*DetailSaveFunc) (CrmContactDetail *self, DetailField *field, GError **error);

struct _DetailField
{
  CrmContactDetail *self;
  const char *id;
  FieldKind kind;
  GtkWidget *widget;
  /* As last read from the store: the text ("" for none), or the combo's item. A field whose
   * text differs is being edited: reading the store again leaves it alone. */
  char *loaded;
  guint loaded_index;
  /* The record member the field shows (a char * or an enum), or G_MAXSIZE. */
  gsize offset;
  DetailSaveFunc save;
  gboolean filling;
};

enum
{
  CONTACT_NAME,
  CONTACT_EMAIL,
  CONTACT_PHONE,
  CONTACT_JOB_TITLE,
  CONTACT_COMPANY,
  CONTACT_OWNER,
  CONTACT_COUNTRY,
  CONTACT_LIFECYCLE,
  CONTACT_SOURCE,
  CONTACT_CAPTURED,
  CONTACT_LAST_CONTACTED,
  CONTACT_SCORE,
  CONTACT_BANT_BUDGET,
  CONTACT_BANT_BUDGET_NOTE,
  CONTACT_BANT_AUTHORITY,
  CONTACT_BANT_AUTHORITY_NOTE,
  CONTACT_BANT_NEED,
  CONTACT_BANT_NEED_NOTE,
  CONTACT_BANT_TIMELINE,
  CONTACT_BANT_TIMELINE_NOTE,
  CONTACT_NOTES,
  N_CONTACT_FIELDS
};

enum
{
  COMPANY_NAME,
  COMPANY_WEBSITE,
  COMPANY_INDUSTRY,
  COMPANY_PHONE,
  COMPANY_COUNTRY,
  COMPANY_OWNER,
  COMPANY_PEOPLE,
  COMPANY_WON_REVENUE,
  COMPANY_NOTES,
  N_COMPANY_FIELDS
};

/* The header of a page: Back, the name, a line under it, and the page's buttons. */
typedef struct
{
  GtkWidget *back_button;
  GtkLabel *title;
  GtkLabel *subtitle;
  GtkWidget *buttons;
} DetailHeader;

typedef struct
{
  GtkWidget *page;
  DetailHeader header;
  GtkLabel *problem;
  DetailField fields[N_CONTACT_FIELDS];
  CrmEntityPicker *company_picker;
  gint64 company_id;
  GtkWidget *open_company_button;
  GtkWidget *email_button;
  GtkWidget *call_button;
  GArray *source_ids; /* gint64 per item of the source row (0: none) */
  GtkFlowBox *tags;
  AdwEntryRow *add_tag_row;
  AdwPreferencesGroup *score_group;
  GtkListBox *score_list;
  GtkListBox *deal_list;
  GtkListBox *feedback_list;
  CrmTimelineList *timeline;
} ContactPage;

typedef struct
{
  GtkWidget *page;
  DetailHeader header;
  GtkLabel *problem;
  DetailField fields[N_COMPANY_FIELDS];
  GtkListBox *people_list;
  GtkListBox *deal_list;
  CrmTimelineList *timeline;
} CompanyPage;

struct _CrmContactDetail
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  CrmScoreRules rules;
  GSettings *settings; /* where the scoring rules come from */
  gulong store_handler;
  guint refresh_source;
  gboolean disposed;

  /* CRM_ENTITY_CONTACT or CRM_ENTITY_COMPANY and its id; id 0 when nothing is shown. */
  CrmEntity shown_entity;
  gint64 shown_id;
  GArray *history; /* HistoryEntry: where Back goes */
  char *problem;

  GtkStack *stack;
  ContactPage contact;
  CompanyPage company;
};

CrmStore *
crm_contact_detail_get_store (CrmContactDetail *self);

/* ---- Fields and builders (crm-contact-detail-fields.c) --------------------------------------- */

/* Sets up @field around @widget; entry rows save when applied or left, combos when changed,
 * text views when left. */
void
detail_field_init (CrmContactDetail *self,
                   DetailField *field,
                   const char *id,
                   FieldKind kind,
                   GtkWidget *widget,
                   gsize offset,
                   DetailSaveFunc save);
void
detail_field_clear (DetailField *field);
/* Shows @text (NULL: none) unless the user is editing the field, or always with @force. */
void
detail_field_set_text (DetailField *field, const char *text, gboolean force);
void
detail_field_set_index (DetailField *field, guint index, gboolean force);
/* Whether the user is not changing it: what it shows is what was read. */
gboolean
detail_field_is_pristine (DetailField *field);
/* What the field shows now (entries and notes trimmed); a new string. */
char *
detail_field_dup_text (DetailField *field);
const char *
detail_field_get_shown_text (DetailField *field);
gboolean
detail_field_commit (DetailField *field);

/* Shows or clears the message about a refused edit on @page's problem label. */
void
detail_show_problem (CrmContactDetail *self, GtkLabel *label, DetailField *field, const char *text);

/* Builders shared by the pages. */
GtkWidget *
detail_page_new (CrmContactDetail *self, DetailHeader *header, GtkLabel **problem, GtkWidget **box);
AdwPreferencesGroup *
detail_group_new (GtkWidget *box, const char *title);
AdwEntryRow *
detail_entry_row_new (AdwPreferencesGroup *group, const char *title, GtkInputPurpose purpose);
AdwActionRow *
detail_info_row_new (AdwPreferencesGroup *group, const char *title);
GtkTextView *
detail_notes_new (AdwPreferencesGroup *group);
GtkListBox *
detail_list_new (AdwPreferencesGroup *group, const char *placeholder);
void
detail_list_clear (GtkListBox *list);
/* A row of a list: a title and subtitle of user text, shown literally. */
AdwActionRow *
detail_list_add_row (GtkListBox *list, const char *title, const char *subtitle);
/* The deals' rows (each opens the deal editor). */
void
detail_fill_deals (CrmContactDetail *self, GtkListBox *list, GPtrArray *deals);

/* Goes to another contact or company, remembering the one shown for Back. */
void
crm_contact_detail_open (CrmContactDetail *self, CrmEntity entity, gint64 id);

/* ---- The pages ----------------------------------------------------------------------------- */

GtkWidget *
detail_contact_page_build (CrmContactDetail *self);
/* Fills the contact page from the store; @force also replaces fields being edited. FALSE when
 * the contact is gone. */
gboolean
detail_contact_page_fill (CrmContactDetail *self, gboolean force);
void
detail_contact_page_dispose (CrmContactDetail *self);

GtkWidget *
detail_company_page_build (CrmContactDetail *self);
gboolean
detail_company_page_fill (CrmContactDetail *self, gboolean force);
void
detail_company_page_dispose (CrmContactDetail *self);

G_END_DECLS
