/* afs-case-list-model.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-case-list-model.h"

typedef struct {
  guint          index;        /* page number: positions index*PAGE_SIZE … */
  guint          n;            /* items on this page */
  AfsCase      **items;
  GList          lru_link;     /* in self->lru; data = the page */
  GCancellable  *cancellable;  /* set while its rows are being loaded */
  gboolean       loaded;
} Page;

struct _AfsCaseListModel
{
  GObject        parent_instance;

  AfsStore      *store;

  /* The filter as given; strings owned here. */
  char          *search;
  char          *technician_id;
  AfsCaseFilter  filter;

  GArray        *ids;          /* gint64 local ids, in list order */
  GHashTable    *pages;        /* page index -> Page* */
  GQueue         lru;          /* head: most recently used page */
  /* Objects of the previous result, by local id: reused when the same case
   * shows up again so a reload does not flash placeholders. */
  GHashTable    *stale;

  GCancellable  *query_cancellable;
  guint          generation;   /* bumped per query; late answers are dropped */

  guint          loading : 1;
  guint          limit_reached : 1;
  guint          ready : 1;
};

static void afs_case_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AfsCaseListModel, afs_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      afs_case_list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_LIMIT_REACHED,
  PROP_READY,
  N_PROPS
};

enum {
  ERROR,
  PAGE_LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
page_free (Page *page)
{
  if (page->cancellable != NULL)
    {
      g_cancellable_cancel (page->cancellable);
      g_clear_object (&page->cancellable);
    }
  for (guint i = 0; i < page->n; i++)
    g_clear_object (&page->items[i]);
  g_free (page->items);
  g_free (page);
}

static void
set_loading (AfsCaseListModel *self,
             gboolean          loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* ---- Pages ---------------------------------------------------------------- */

typedef struct {
  AfsCaseListModel *self;       /* strong: the callback needs it */
  GCancellable     *cancellable;
  guint             generation;
  guint             page_index;
  gint64           *ids;        /* our own copy for the worker */
  guint             n;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data->ids);
  g_free (data);
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LoadData *data = user_data;
  AfsCaseListModel *self = data->self;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;
  guint j = 0;

  rows = afs_store_load_cases_finish (AFS_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      data->generation != self->generation)
    goto out;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (data->page_index));
  if (page == NULL || page->cancellable != data->cancellable)
    goto out;   /* evicted, or a newer load of the same page is running */

  g_clear_object (&page->cancellable);

  if (rows == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0, error);
      goto out;
    }

  /* The rows come back in the order asked, with vanished ids skipped:
   * walk both lists together. */
  for (guint i = 0; i < rows->len && j < page->n; i++)
    {
      const AfsCaseData *row = g_ptr_array_index (rows, i);

      while (j < page->n && data->ids[j] != row->local_id)
        j++;
      if (j < page->n)
        afs_case_fill (page->items[j++], row);
    }
  page->loaded = TRUE;

  g_signal_emit (self, signals[PAGE_LOADED], 0,
                 page->index * AFS_CASE_LIST_PAGE_SIZE, page->n);

out:
  load_data_free (data);
}

static void
page_schedule_load (AfsCaseListModel *self,
                    Page             *page)
{
  LoadData *data;
  guint start = page->index * AFS_CASE_LIST_PAGE_SIZE;

  if (page->cancellable != NULL)
    g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  page->cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (page->cancellable);
  data->generation = self->generation;
  data->page_index = page->index;
  data->n = page->n;
  data->ids = g_memdup2 (&g_array_index (self->ids, gint64, start),
                         sizeof (gint64) * page->n);

  afs_store_load_cases_async (self->store, data->ids, data->n,
                              data->cancellable, page_loaded_cb, data);
}

static void
evict_pages (AfsCaseListModel *self,
             Page             *keep)
{
  while (self->lru.length > AFS_CASE_LIST_MAX_PAGES)
    {
      Page *victim = g_queue_peek_tail (&self->lru);

      if (victim == keep)
        break;
      g_queue_unlink (&self->lru, &victim->lru_link);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (victim->index));
    }
}

static Page *
ensure_page (AfsCaseListModel *self,
             guint             index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  guint start;

  if (page != NULL)
    {
      /* Most recently used goes to the head. */
      if (self->lru.head != &page->lru_link)
        {
          g_queue_unlink (&self->lru, &page->lru_link);
          g_queue_push_head_link (&self->lru, &page->lru_link);
        }
      return page;
    }

  start = index * AFS_CASE_LIST_PAGE_SIZE;
  g_return_val_if_fail (start < self->ids->len, NULL);

  page = g_new0 (Page, 1);
  page->index = index;
  page->n = MIN (AFS_CASE_LIST_PAGE_SIZE, self->ids->len - start);
  page->items = g_new0 (AfsCase *, page->n);
  page->lru_link.data = page;

  for (guint i = 0; i < page->n; i++)
    {
      gint64 local_id = g_array_index (self->ids, gint64, start + i);
      AfsCase *old = self->stale != NULL
                   ? g_hash_table_lookup (self->stale, &local_id)
                   : NULL;

      page->items[i] = old != NULL ? g_object_ref (old) : afs_case_new ();
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->lru, &page->lru_link);
  evict_pages (self, page);

  page_schedule_load (self, page);

  return page;
}

static void
clear_pages (AfsCaseListModel *self)
{
  /* Unlink first: removing from the hash table frees the page. */
  while (self->lru.head != NULL)
    g_queue_unlink (&self->lru, self->lru.head);
  g_hash_table_remove_all (self->pages);
}

/* ---- Queries -------------------------------------------------------------- */

typedef struct {
  AfsCaseListModel *self;
  guint             generation;
  char             *search;
  char             *technician_id;
  AfsCaseFilter     filter;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_object (&data->self);
  g_free (data->search);
  g_free (data->technician_id);
  g_free (data);
}

static void
replace_ids (AfsCaseListModel *self,
             GArray           *ids)
{
  g_autoptr(GArray) old = self->ids;
  g_autoptr(GHashTable) stale = NULL;
  g_autoptr(GArray) repage = g_array_new (FALSE, FALSE, sizeof (guint));
  guint old_n = old->len;
  guint new_n = ids->len;
  guint min_n = MIN (old_n, new_n);
  guint prefix = 0, suffix = 0;
  guint removed, added;
  GHashTableIter iter;
  gpointer value;

  while (prefix < min_n &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < min_n - prefix &&
         g_array_index (old, gint64, old_n - 1 - suffix) ==
         g_array_index (ids, gint64, new_n - 1 - suffix))
    suffix++;

  /* Keep the objects we have, by case, and note which pages hold rows
   * that keep their position: the list view will not ask for those again,
   * so they are refreshed in place. */
  stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;
      guint start = page->index * AFS_CASE_LIST_PAGE_SIZE;
      guint last_index = G_MAXUINT;

      for (guint i = 0; i < page->n; i++)
        {
          guint pos = start + i;
          guint new_pos = G_MAXUINT;

          g_hash_table_insert (stale,
                               g_memdup2 (&g_array_index (old, gint64, pos), sizeof (gint64)),
                               g_object_ref (page->items[i]));

          if (pos < prefix)
            new_pos = pos;
          else if (pos >= old_n - suffix)
            new_pos = pos - old_n + new_n;

          if (new_pos != G_MAXUINT && new_pos / AFS_CASE_LIST_PAGE_SIZE != last_index)
            {
              last_index = new_pos / AFS_CASE_LIST_PAGE_SIZE;
              g_array_append_val (repage, last_index);
            }
        }
    }

  clear_pages (self);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  self->stale = g_steal_pointer (&stale);
  self->ids = g_array_ref (ids);

  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;

  for (guint i = 0; i < repage->len; i++)
    ensure_page (self, g_array_index (repage, guint, i));

  if (removed != 0 || added != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  QueryData *data = user_data;
  AfsCaseListModel *self = data->self;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean limit_reached;

  ids = afs_store_query_case_ids_finish (AFS_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      data->generation != self->generation)
    {
      query_data_free (data);
      return;
    }

  g_clear_object (&self->query_cancellable);

  if (ids == NULL)
    {
      set_loading (self, FALSE);
      g_signal_emit (self, signals[ERROR], 0, error);
      query_data_free (data);
      return;
    }

  replace_ids (self, ids);

  limit_reached = data->filter.limit != 0 && ids->len >= data->filter.limit;
  if (self->limit_reached != limit_reached)
    {
      self->limit_reached = limit_reached;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT_REACHED]);
    }

  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }

  set_loading (self, FALSE);
  query_data_free (data);
}

static void
run_query (AfsCaseListModel *self)
{
  QueryData *data;

  if (self->query_cancellable != NULL)
    g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();
  self->generation++;

  data = g_new0 (QueryData, 1);
  data->self = g_object_ref (self);
  data->generation = self->generation;
  data->search = g_strdup (self->search);
  data->technician_id = g_strdup (self->technician_id);
  data->filter = self->filter;
  data->filter.search = data->search;
  data->filter.technician_id = data->technician_id;
  /* A search may match much of the database: the first matches, by rank
   * of the chosen order, are what a person reads anyway. */
  data->filter.limit = (data->search != NULL && data->search[0] != '\0')
                     ? AFS_CASE_LIST_SEARCH_LIMIT : 0;

  set_loading (self, TRUE);

  afs_store_query_case_ids_async (self->store, &data->filter,
                                  self->query_cancellable, query_cb, data);
}

/* ---- GListModel ----------------------------------------------------------- */

static GType
afs_case_list_model_get_item_type (GListModel *model)
{
  return AFS_TYPE_CASE;
}

static guint
afs_case_list_model_get_n_items (GListModel *model)
{
  return AFS_CASE_LIST_MODEL (model)->ids->len;
}

static gpointer
afs_case_list_model_get_item (GListModel *model,
                              guint       position)
{
  AfsCaseListModel *self = AFS_CASE_LIST_MODEL (model);
  Page *page;

  if (position >= self->ids->len)
    return NULL;

  page = ensure_page (self, position / AFS_CASE_LIST_PAGE_SIZE);
  return g_object_ref (page->items[position % AFS_CASE_LIST_PAGE_SIZE]);
}

static void
afs_case_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = afs_case_list_model_get_item_type;
  iface->get_n_items = afs_case_list_model_get_n_items;
  iface->get_item = afs_case_list_model_get_item;
}

/* ---- GObject -------------------------------------------------------------- */

static void
afs_case_list_model_dispose (GObject *object)
{
  AfsCaseListModel *self = AFS_CASE_LIST_MODEL (object);

  if (self->query_cancellable != NULL)
    g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  clear_pages (self);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (afs_case_list_model_parent_class)->dispose (object);
}

static void
afs_case_list_model_finalize (GObject *object)
{
  AfsCaseListModel *self = AFS_CASE_LIST_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->search);
  g_free (self->technician_id);

  G_OBJECT_CLASS (afs_case_list_model_parent_class)->finalize (object);
}

static void
afs_case_list_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AfsCaseListModel *self = AFS_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LIMIT_REACHED:
      g_value_set_boolean (value, self->limit_reached);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_case_list_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AfsCaseListModel *self = AFS_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_case_list_model_class_init (AfsCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = afs_case_list_model_dispose;
  object_class->finalize = afs_case_list_model_finalize;
  object_class->get_property = afs_case_list_model_get_property;
  object_class->set_property = afs_case_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AFS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIMIT_REACHED] =
    g_param_spec_boolean ("limit-reached", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A query or a page failed; the window tells the person. */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Rows @position … @position + @n_items - 1 were filled. */
  signals[PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
afs_case_list_model_init (AfsCaseListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  g_queue_init (&self->lru);
  self->filter.sort = AFS_CASE_SORT_NEWEST;
}

AfsCaseListModel *
afs_case_list_model_new (AfsStore *store)
{
  g_return_val_if_fail (AFS_IS_STORE (store), NULL);

  return g_object_new (AFS_TYPE_CASE_LIST_MODEL, "store", store, NULL);
}

void
afs_case_list_model_set_filter (AfsCaseListModel    *self,
                                const AfsCaseFilter *filter)
{
  g_return_if_fail (AFS_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  /* Copy before freeing: @filter may be what get_filter() returned, whose
   * strings are ours. */
  char *search = g_strdup (filter->search);
  char *technician_id = g_strdup (filter->technician_id);

  self->filter = *filter;
  g_free (self->search);
  g_free (self->technician_id);
  self->search = search;
  self->technician_id = technician_id;
  self->filter.search = self->search;
  self->filter.technician_id = self->technician_id;
  self->filter.limit = 0;

  run_query (self);
}

void
afs_case_list_model_get_filter (AfsCaseListModel *self,
                                AfsCaseFilter    *out)
{
  g_return_if_fail (AFS_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (out != NULL);

  *out = self->filter;
}

void
afs_case_list_model_reload (AfsCaseListModel *self)
{
  g_return_if_fail (AFS_IS_CASE_LIST_MODEL (self));

  run_query (self);
}

gboolean
afs_case_list_model_get_loading (AfsCaseListModel *self)
{
  g_return_val_if_fail (AFS_IS_CASE_LIST_MODEL (self), FALSE);
  return self->loading;
}

gboolean
afs_case_list_model_get_limit_reached (AfsCaseListModel *self)
{
  g_return_val_if_fail (AFS_IS_CASE_LIST_MODEL (self), FALSE);
  return self->limit_reached;
}

gboolean
afs_case_list_model_get_ready (AfsCaseListModel *self)
{
  g_return_val_if_fail (AFS_IS_CASE_LIST_MODEL (self), FALSE);
  return self->ready;
}

guint
afs_case_list_model_find (AfsCaseListModel *self,
                          gint64            local_id)
{
  g_return_val_if_fail (AFS_IS_CASE_LIST_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == local_id)
      return i;

  return G_MAXUINT;
}

gint64
afs_case_list_model_get_local_id (AfsCaseListModel *self,
                                  guint             position)
{
  g_return_val_if_fail (AFS_IS_CASE_LIST_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

guint
afs_case_list_model_get_n_cached_pages (AfsCaseListModel *self)
{
  g_return_val_if_fail (AFS_IS_CASE_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}
