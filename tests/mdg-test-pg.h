/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The passwords of the test server's users (a throwaway server in a temporary folder). */
#define MDG_TEST_PG_ADMIN_PASSWORD "admin-Pw-7c1d"
#define MDG_TEST_PG_HOSTNAME       "madoguchi-test.invalid"

typedef struct _MdgTestPg MdgTestPg;

MdgTestPg  *mdg_test_pg_start           (void);
void        mdg_test_pg_stop            (MdgTestPg   *pg);
void        mdg_test_pg_kill            (MdgTestPg   *pg);
void        mdg_test_pg_restart         (MdgTestPg   *pg);
const char *mdg_test_pg_get_socket_dir  (MdgTestPg   *pg);
guint       mdg_test_pg_get_port        (MdgTestPg   *pg);
const char *mdg_test_pg_get_ca_file     (MdgTestPg   *pg);
const char *mdg_test_pg_get_other_ca    (MdgTestPg   *pg);
char       *mdg_test_pg_create_user     (MdgTestPg   *pg,
                                         const char  *password);
char       *mdg_test_pg_create_database (MdgTestPg   *pg);
PGconn     *mdg_test_pg_connect_admin   (MdgTestPg   *pg,
                                         const char  *dbname);
gint64      mdg_test_pg_count           (PGconn      *conn,
                                         const char  *sql);

void        mdg_test_keyring_start      (void);
void        mdg_test_keyring_stop       (void);
const char *mdg_test_keyring_get_dir    (void);

G_END_DECLS
