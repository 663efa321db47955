;;; eglot-lsp-check.el --- Batch Emacs + eglot end-to-end check of the asyncsense language server.
;; Open a file with a floating promise, wait for the asyncsense diagnostic, apply the quick fix
;; titled E2E_ACTION, wait for the diagnostic to clear, save the file.
;; Usage: E2E_NODE=node E2E_SERVER=/abs/bin.js E2E_FILE=/abs/file.ts E2E_ACTION='Add `await`.' \
;;   emacs --batch -Q -l eglot-lsp-check.el
;; Output lines (stdout): DIAG, ACTION, FILE, then PASS, or FAIL: <reason> with exit code 1.
;; Emacs 28 (Debian) with elpa-eglot; on Emacs 29 and later eglot is built in.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'eglot)

(defun check-out (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))
(defun check-fail (message)
  (check-out "FAIL: %s" message)
  (kill-emacs 1))
(defun check-wait (predicate seconds)
  (let ((end (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) end))
      (accept-process-output nil 0.05))
    (funcall predicate)))

;; eglot names the language after the major mode: `typescript-mode' is "typescript".
(define-derived-mode typescript-mode prog-mode "TypeScript")

(let ((node (or (getenv "E2E_NODE") "node"))
      (server (getenv "E2E_SERVER"))
      (file (getenv "E2E_FILE"))
      (wanted (getenv "E2E_ACTION")))
  (find-file file)
  (typescript-mode)
  (add-to-list 'eglot-server-programs `(typescript-mode . (,node ,server "--stdio")))
  (setq eglot-sync-connect t)
  (condition-case err (apply #'eglot (eglot--guess-contact))
    (error (check-fail (format "could not start the server: %S" err))))
  (unless (eglot-current-server) (check-fail "no server"))
  ;; 1) the diagnostics arrive
  (flymake-start)
  (unless (check-wait (lambda () (flymake-diagnostics)) 20) (check-fail "no diagnostic in 20s"))
  (dolist (diagnostic (flymake-diagnostics))
    (check-out "DIAG %d:%d %s" (line-number-at-pos (flymake-diagnostic-beg diagnostic))
               (save-excursion (goto-char (flymake-diagnostic-beg diagnostic)) (1+ (current-column)))
               (flymake-diagnostic-text diagnostic)))
  ;; 2) the code actions for the first one, and the one wanted applied
  (let* ((diagnostic (car (flymake-diagnostics)))
         (actions (eglot-code-actions (flymake-diagnostic-beg diagnostic) (flymake-diagnostic-end diagnostic)))
         (action nil))
    (dolist (candidate actions)
      (check-out "ACTION %s" (plist-get candidate :title))
      (when (and (null action) (or (null wanted) (equal wanted (plist-get candidate :title))))
        (setq action candidate)))
    (unless action (check-fail (format "no code action titled %s" wanted)))
    (when (plist-get action :edit) (eglot--apply-workspace-edit (plist-get action :edit)))
    (when (plist-get action :command)
      (let ((command (plist-get action :command)))
        (eglot-execute-command (eglot-current-server) (plist-get command :command) (plist-get command :arguments)))))
  ;; 3) the diagnostic clears once the edited text reaches the server; batch Emacs never goes
  ;; idle, so the change eglot sends on an idle timer is sent here
  (eglot--signal-textDocument/didChange)
  (flymake-start)
  (unless (check-wait (lambda () (null (flymake-diagnostics))) 20) (check-fail "diagnostic still present after the fix"))
  (save-buffer)
  (with-temp-buffer
    (insert-file-contents file)
    (dolist (line (split-string (buffer-string) "\n"))
      (check-out "FILE %s" line)))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (check-out "PASS")
  (kill-emacs 0))
