-- End-to-end check of `perfvet lsp` in headless Neovim (make nvim-e2e).
-- It starts the server with Neovim's built-in LSP client on a fixture
-- file, waits for perfvet's diagnostics, asks for the quick fix, and
-- exits with status 0 only if both arrived as expected. The finding
-- exists only under the settings the client passes, so their arrival is
-- checked too.
--
-- Environment: PERFVET is the perfvet binary, FIXTURE the Go file to
-- open, inside its module. Uses only APIs Neovim 0.7 already has
-- (vim.lsp.start_client, buf_attach_client), as Debian 12 ships 0.7.2.

local function say(msg)
  io.stdout:write(msg .. '\n')
end

local function fail(msg)
  say('FAIL: ' .. msg)
  vim.cmd('cquit 1')
end

local v = vim.version()
say(string.format('Neovim %d.%d.%d', v.major, v.minor, v.patch))

local perfvet, fixture = os.getenv('PERFVET'), os.getenv('FIXTURE')
if not perfvet or not fixture then
  fail('set PERFVET and FIXTURE')
end
local root = vim.fn.fnamemodify(fixture, ':p:h:h')

vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
local buf = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = 'perfvet',
  cmd = { perfvet, 'lsp' },
  cmd_cwd = root,
  root_dir = root,
  -- The fixture's loop runs 5 times, under the default cold threshold
  -- of 8: it is reported only if these settings arrive.
  init_options = { options = { ['tripcount.cold'] = 2 } },
})
if not client_id then
  fail('the client did not start')
end
vim.lsp.buf_attach_client(buf, client_id)

local arrived = vim.wait(60000, function()
  return #vim.diagnostic.get(buf) > 0
end, 100)
if not arrived then
  fail('no diagnostics within 60 s')
end

local d = vim.diagnostic.get(buf)[1]
say(string.format('diagnostic %s:%d:%d [%s %s] %s', vim.fn.fnamemodify(fixture, ':t'), d.lnum + 1, d.col + 1,
  d.source or '?', (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?', d.message))
if d.source ~= 'perfvet' or not d.message:find('strings.Builder', 1, true) then
  fail('unexpected diagnostic')
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.lnum, character = d.col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) },
}
local replies = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000)
local titles = {}
for _, reply in pairs(replies or {}) do
  for _, action in ipairs(reply.result or {}) do
    if action.kind == 'quickfix' and action.edit then
      table.insert(titles, action.title)
    end
  end
end
if #titles == 0 then
  fail('no quick fix offered')
end
say('quick fix: ' .. table.concat(titles, '; '))

vim.lsp.stop_client(client_id)
say('PASS')
vim.cmd('qall!')
