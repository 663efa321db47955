-- Headless Neovim end-to-end check of the asyncsense language server (Debian's nvim 0.7.2 and later):
-- open a file with a floating promise, wait for the asyncsense diagnostic, apply the quick fix
-- named by E2E_ACTION, wait for the diagnostic to clear, write the file.
-- Usage: E2E_NODE=node E2E_SERVER=/abs/bin.js E2E_FILE=/abs/file.ts E2E_ACTION='Add `await`.' \
--   nvim --headless -u NONE -i NONE -n -c 'luafile nvim-lsp-check.lua'
-- Output lines (stdout): DIAG, ACTION, FILE, then PASS, or FAIL: <reason> with exit code 1.
local function out(s) io.stdout:write(s .. '\n') end
local function fail(msg) out('FAIL: ' .. msg); vim.cmd('cquit 1') end
local node, server, file = os.getenv('E2E_NODE') or 'node', os.getenv('E2E_SERVER'), os.getenv('E2E_FILE')
local wanted_action = os.getenv('E2E_ACTION')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local cfg = {
  name = 'asyncsense',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  on_error = function(code, err) out('CLIENT ERROR ' .. tostring(code) .. ' ' .. vim.inspect(err)) end,
}
local client_id
if vim.lsp.start then                      -- nvim >= 0.8
  client_id = vim.lsp.start(cfg, { bufnr = bufnr })
else                                       -- nvim 0.7 (Debian bookworm)
  client_id = vim.lsp.start_client(cfg)
  vim.lsp.buf_attach_client(bufnr, client_id)
end
if not client_id then fail('could not start server') end

-- 1) the server publishes (nvim 0.7 cannot pull)
local function asyncsense_diagnostics()
  return vim.tbl_filter(function(d) return d.source == 'asyncsense' end, vim.diagnostic.get(bufnr))
end
if not vim.wait(20000, function() return #asyncsense_diagnostics() > 0 end, 50) then fail('no asyncsense diagnostic in 20s') end
local diags = asyncsense_diagnostics()
for _, d in ipairs(diags) do
  local lsp = (d.user_data and d.user_data.lsp) or {}
  out(string.format('DIAG %d:%d %s %s: %s', d.lnum + 1, d.col + 1, d.source or '?', tostring(lsp.code or d.code), d.message))
end

-- 2) code actions for the first diagnostic (vim.diagnostic turned back into an LSP Diagnostic)
local d = diags[1]
local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
local lspd = vim.tbl_extend('keep', { range = range, message = d.message, severity = d.severity, source = d.source, code = d.code },
  (d.user_data and d.user_data.lsp) or {})
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = range, context = { diagnostics = { lspd } } }
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
local client = vim.lsp.get_client_by_id(client_id)
local action
for _, resp in pairs(responses or {}) do
  if resp.error then fail('codeAction error: ' .. vim.inspect(resp.error)) end
  for _, a in ipairs(resp.result or {}) do
    out('ACTION ' .. a.title)
    if action == nil and (wanted_action == nil or a.title == wanted_action) then action = a end
  end
end
if not action then fail('no code action titled ' .. tostring(wanted_action)) end

-- 3) apply it
if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16') end
if action.command then client.request_sync('workspace/executeCommand', action.command, 10000, bufnr) end

-- 4) the diagnostic clears once the edited text reaches the server
if not vim.wait(20000, function() return #asyncsense_diagnostics() == 0 end, 50) then fail('diagnostic still present after the fix') end
vim.cmd('write')
for _, l in ipairs(vim.fn.readfile(file)) do out('FILE ' .. l) end
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
out('PASS')
vim.cmd('qall!')
