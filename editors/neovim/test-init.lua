-- Headless Neovim (0.7+, built-in LSP client) against `rawsync lsp --stdio`: what
-- test/editors/neovim.test.ts runs. It opens one file of a workspace, waits for Rawsync's
-- diagnostics, asks for the code actions at the first finding of one rule, applies the preferred
-- fix (a workspace edit), writes the buffer, waits for the finding to go, writes what it saw to a
-- JSON file and quits (exit code 0 when every step ran, 1 otherwise).
--
--   RAWSYNC_ROOT=/copy/of/examples/todo-app RAWSYNC_FILE=shared/.../TodoEntity.kt \
--   RAWSYNC_RULE=fk-not-deferrable RAWSYNC_OUT=/tmp/out.json \
--   RAWSYNC_CMD='["node","/path/to/bin/rawsync.js","lsp","--stdio"]' \
--   nvim --headless -i NONE -u editors/neovim/test-init.lua
--
-- Only 0.7's API is used (vim.lsp.start_client + vim.lsp.buf_attach_client), so Debian 12's
-- neovim runs it. For everyday use see the recipes in the README ("Other editors").

vim.o.swapfile = false
vim.o.shadafile = 'NONE'

local env = vim.env
local root, file, rule, out = env.RAWSYNC_ROOT, env.RAWSYNC_FILE, env.RAWSYNC_RULE, env.RAWSYNC_OUT
local cmd = vim.fn.json_decode(env.RAWSYNC_CMD or '[]')
local TIMEOUT_MS = tonumber(env.RAWSYNC_TIMEOUT_MS or '90000')

local report = { steps = {}, published = {} }
local function step(name) table.insert(report.steps, name) end

local function finish(ok, err)
  report.ok = ok
  report.error = err
  vim.fn.writefile({ vim.fn.json_encode(report) }, out)
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local function run()
  assert(root and file and rule and out and #cmd > 0, 'RAWSYNC_ROOT, RAWSYNC_FILE, RAWSYNC_RULE, RAWSYNC_OUT and RAWSYNC_CMD are needed')
  local path = root .. '/' .. file
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'kotlin'
  local uri = vim.uri_from_bufnr(bufnr)
  report.uri = uri

  -- Every publishDiagnostics as the server sent it (raw LSP), then Neovim's own handler.
  local published = {}
  local status = {}
  local exited
  local client_id = vim.lsp.start_client({
    name = 'rawsync',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    settings = { rawsync = { maxFileSizeKb = 2048 } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        published[result.uri] = result.diagnostics
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
      ['rawsync/status'] = function(_, result) status = result end,
    },
    on_exit = function(code) exited = code end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'vim.lsp.buf_attach_client failed')
  step('started')

  local function codes_at(u)
    local codes = {}
    for _, d in ipairs(published[u] or {}) do table.insert(codes, d.code) end
    table.sort(codes)
    return codes
  end
  local function has(u, code)
    return vim.tbl_contains(codes_at(u), code)
  end

  assert(vim.wait(TIMEOUT_MS, function() return has(uri, rule) and status.state == 'idle' end, 50),
    'no ' .. rule .. ' diagnostic on ' .. uri .. ' (and an idle server) in time')
  step('diagnostics')
  for u, _ in pairs(published) do report.published[u] = codes_at(u) end
  -- What Neovim's diagnostic framework holds for the buffer (vim.diagnostic, from the LSP handler).
  report.buffer = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(report.buffer, { code = d.code, source = d.source, lnum = d.lnum, col = d.col, severity = d.severity })
  end

  local diagnostic
  for _, d in ipairs(published[uri]) do
    if d.code == rule then diagnostic = d break end
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic } },
  }, TIMEOUT_MS)
  assert(responses and responses[client_id] and not responses[client_id].err, 'codeAction failed: ' .. vim.inspect(responses))
  local actions = responses[client_id].result or {}
  report.actions = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(report.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred == true })
    if not chosen and action.isPreferred and action.edit then chosen = action end
  end
  assert(chosen, 'no preferred code action with an edit for ' .. rule)
  report.applied = chosen.title
  step('codeAction')

  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  vim.cmd('silent wall')
  step('applied')

  -- The edit reaches the server through didChange (the buffer is attached): the finding goes.
  assert(vim.wait(TIMEOUT_MS, function() return published[uri] ~= nil and not has(uri, rule) end, 50),
    rule .. ' still reported after the fix')
  report.after = codes_at(uri)
  step('cleared')

  client.stop()
  vim.wait(10000, function() return exited ~= nil end, 50)
  report.exit_code = exited
  step('stopped')
end

local ok, err = pcall(run)
finish(ok, not ok and tostring(err) or nil)
