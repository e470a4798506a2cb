/*
 * Fixed-arity wrappers around libedit's native API (histedit.h).
 *
 * el_set, el_get and history are C-variadic, which Swift cannot call; each operation the
 * line editor uses gets one static inline wrapper here. The standard streams are passed from
 * C because Swift 6 rejects the mutable C globals stdin/stdout/stderr.
 *
 * Nothing here keeps state: static variables in a header would be duplicated per Swift
 * compilation unit.
 */
#ifndef CNB_CLIBEDIT_SHIM_H
#define CNB_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include <pthread.h>
#include <unistd.h>

typedef char *(*cnb_prompt_fn)(EditLine *);
typedef unsigned char (*cnb_command_fn)(EditLine *, int);

/* ---- EditLine ---------------------------------------------------------------------- */

/// el_init on the process's standard streams.
static inline EditLine *cnb_el_init(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}

/// EL_PROMPT_ESC: a prompt function whose escape sequences are wrapped in `marker`.
static inline int cnb_el_set_prompt_esc(EditLine *el, cnb_prompt_fn fn, char marker) {
    return el_set(el, EL_PROMPT_ESC, fn, marker);
}

/// EL_EDITOR: "emacs" or "vi".
static inline int cnb_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// EL_SIGNAL: libedit handles SIGTSTP/SIGCONT/SIGWINCH and restores the tty on signals.
static inline int cnb_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

/// EL_HIST: attaches a history object.
static inline int cnb_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/// EL_ADDFN: a named editor command.
static inline int cnb_el_addfn(EditLine *el, const char *name, const char *help, cnb_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// EL_BIND: binds a key sequence to a named command.
static inline int cnb_el_bind(EditLine *el, const char *keys, const char *command) {
    return el_set(el, EL_BIND, keys, command, (const char *)NULL);
}

/// EL_CLIENTDATA (set).
static inline int cnb_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

/// EL_CLIENTDATA (get).
static inline void *cnb_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// Width of the terminal in columns (EL_GETTC "co"), 80 when unknown.
static inline int cnb_el_columns(EditLine *el) {
    int cols = 0;
    if (el_get(el, EL_GETTC, "co", &cols, (void *)NULL) != 0 || cols <= 0) return 80;
    return cols;
}

/// Writes `text` to stdout through the stdio stream libedit itself uses, and flushes it, so
/// terminal mode sequences stay ordered with libedit's own output.
static inline void cnb_stdout_write(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

/* ---- History ----------------------------------------------------------------------- */

static inline int cnb_history_setsize(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}

static inline int cnb_history_setunique(History *h, HistEvent *ev, int on) {
    return history(h, ev, H_SETUNIQUE, on);
}

static inline int cnb_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}

static inline int cnb_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}

static inline int cnb_history_save_fp(History *h, HistEvent *ev, FILE *fp) {
    return history(h, ev, H_SAVE_FP, fp);
}

static inline int cnb_history_clear(History *h, HistEvent *ev) {
    return history(h, ev, H_CLEAR);
}

/// H_LAST: the oldest entry (libedit numbers history newest first).
static inline int cnb_history_last(History *h, HistEvent *ev) {
    return history(h, ev, H_LAST);
}

/// H_PREV: one step towards newer entries.
static inline int cnb_history_prev(History *h, HistEvent *ev) {
    return history(h, ev, H_PREV);
}

/* ---- Signals ----------------------------------------------------------------------- */

/// Installs `handler` for `sig` with sa_flags = 0 (no SA_RESTART), so a blocking read is
/// interrupted with EINTR. Returns 0 on success.
static inline int cnb_install_signal_handler(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(sig, &sa, NULL);
}

/// Blocks (how = SIG_BLOCK) or unblocks (SIG_UNBLOCK) the terminal signals in the calling
/// thread: SIGINT, SIGTSTP, SIGCONT, SIGWINCH, SIGQUIT, SIGHUP, SIGTERM.
static inline int cnb_mask_terminal_signals(int how) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTSTP);
    sigaddset(&set, SIGCONT);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGQUIT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    return pthread_sigmask(how, &set, NULL);
}

static inline int cnb_sig_block(void) { return SIG_BLOCK; }
static inline int cnb_sig_unblock(void) { return SIG_UNBLOCK; }

#endif
