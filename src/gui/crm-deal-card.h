/* crm-deal-card.h — CrmDealCard, one deal on the pipeline board: title, company or contact,
 * value, expected close date, days in its stage, next step and a stale badge. A card is recycled by its
 * column's list view: set another deal and it shows that one. Dragging it carries the CrmDeal.
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-deal.h"
#include "crm-repository.h"
#include "crm-stage.h"

G_BEGIN_DECLS

#define CRM_TYPE_DEAL_CARD (crm_deal_card_get_type ())
G_DECLARE_FINAL_TYPE (CrmDealCard, crm_deal_card, CRM, DEAL_CARD, GtkWidget)

/* The lines of text a card shows. */
typedef enum
{
  CRM_DEAL_CARD_TITLE,
  CRM_DEAL_CARD_BADGE, /* "Stale", when it is */
  CRM_DEAL_CARD_PARTY, /* company, else contact */
  CRM_DEAL_CARD_VALUE,
  CRM_DEAL_CARD_CLOSE_DATE, /* expected close, for open deals that have one */
  CRM_DEAL_CARD_AGE,        /* days in stage, or when it was won or lost */
  CRM_DEAL_CARD_NEXT_STEP,  /* the next activity due, or "No next step"; open deals only */
  CRM_DEAL_CARD_N_LINES
} CrmDealCardLine;

/* A card that looks up company and contact names in @repository. */
GtkWidget *
crm_deal_card_new (CrmRepository *repository);

CrmDeal *
crm_deal_card_get_deal (CrmDealCard *self);
void
crm_deal_card_set_deal (CrmDealCard *self, CrmDeal *deal);

/* The stage the card is shown in, for its rotting limit. */
CrmStage *
crm_deal_card_get_stage (CrmDealCard *self);
void
crm_deal_card_set_stage (CrmDealCard *self, CrmStage *stage);

/* Whole days since the deal entered its stage. */
int
crm_deal_card_get_days_in_stage (CrmDealCard *self);
/* TRUE when the days in stage exceed the stage's rotting limit (when it has one). */
gboolean
crm_deal_card_get_stale (CrmDealCard *self);

/* The days in stage and stale badge depend on today: call when the day changes. */
void
crm_deal_card_refresh_age (CrmDealCard *self);
/* Reads the deal's next activity again: call when activities change. */
void
crm_deal_card_refresh_next_step (CrmDealCard *self);
/* What @line shows, or NULL when it is not shown. */
const char *
crm_deal_card_get_text (CrmDealCard *self, CrmDealCardLine line);

G_END_DECLS
