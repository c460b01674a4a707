/* crm-exporter-private.h — how CrmExporter turns rows into text (crm-exporter-rows.c). */
#pragma once

#include "crm-exporter.h"

G_BEGIN_DECLS

typedef struct _CrmExportWriter CrmExportWriter;

/* A writer of @kind as @format (not the database) that appends to a buffer. */
CrmExportWriter *
crm_export_writer_new (CrmExportKind kind, CrmExportFormat format, gboolean raw);
void
crm_export_writer_free (CrmExportWriter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmExportWriter, crm_export_writer_free)

/* What comes before the rows (CSV header, VCALENDAR) and after them. */
void
crm_export_writer_begin (CrmExportWriter *self);
void
crm_export_writer_end (CrmExportWriter *self);
/* Appends one row. */
void
crm_export_writer_add_row (CrmExportWriter *self, const CrmExportRow *row);
/* The text not yet written out: write it and truncate it. */
GString *
crm_export_writer_get_buffer (CrmExportWriter *self);

/* The entity and rows that @kind reads. */
CrmEntity
crm_export_kind_get_entity (CrmExportKind kind);
CrmExportRows
crm_export_kind_get_rows (CrmExportKind kind);

G_END_DECLS
