-- End-to-end run in a real editor, started by lsp/tests/neovim.rs:
--   nvim --headless --clean -u editors/neovim/minimal.lua -c 'luafile lsp/tests/nvim/e2e.lua'
-- with LAUREL_LSP (the server binary), LAUREL_E2E_FILE (a copy of an example file) and
-- LAUREL_E2E_OUT (where the result goes). The editor's own configuration attaches the
-- server (vim.lsp.start_client + vim.lsp.buf_attach_client on Neovim 0.7); this script
-- opens the file, types `skill esco "manage fin` on a new line, asks for completion with
-- vim.lsp.buf_request_sync and checks the ESCO label offered.

local out = assert(vim.env.LAUREL_E2E_OUT, 'LAUREL_E2E_OUT not set')
local file = assert(vim.env.LAUREL_E2E_FILE, 'LAUREL_E2E_FILE not set')
local wanted = 'manage findable accessible interoperable and reusable data'

local function finish(status, detail)
  local f = io.open(out, 'w')
  if f then
    f:write(status .. '\n' .. (detail or '') .. '\n')
    f:close()
  end
  vim.cmd(status == 'ok' and 'qall!' or 'cquit! 1')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr].filetype == 'laurel', 'filetype is "' .. vim.bo[bufnr].filetype .. '", not laurel')

  local client
  local started = vim.wait(20000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.initialized then
        client = c
        return true
      end
    end
    return false
  end, 20)
  assert(started, 'laurel-lsp did not start and attach')
  assert(client.name == 'laurel-lsp', 'unexpected client ' .. tostring(client.name))

  -- The example compiles cleanly: wait for the first (empty) diagnostics, then break
  -- it on purpose and see diagnostics arrive.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local at
  for i, line in ipairs(lines) do
    if line:match('^%s*skill esco "') then
      at = i
      break
    end
  end
  assert(at, 'no `skill esco` line in ' .. file)
  local indent = lines[at]:match('^(%s*)')
  local typed = indent .. 'skill esco "manage fin'
  vim.api.nvim_buf_set_lines(bufnr, at, at, false, { typed })
  vim.api.nvim_win_set_cursor(0, { at + 1, #typed })

  local params = vim.lsp.util.make_position_params()
  local results, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 15000)
  assert(results, 'no answer to textDocument/completion: ' .. tostring(err))
  local labels = {}
  local found = false
  for _, response in pairs(results) do
    assert(not response.err, 'completion failed: ' .. vim.inspect(response.err))
    local result = response.result or {}
    local items = result.items or result
    for _, item in ipairs(items) do
      table.insert(labels, item.label)
      local text = item.insertText or (item.textEdit and item.textEdit.newText) or ''
      if item.label == wanted or item.label:find(wanted, 1, true) or text:find(wanted, 1, true) then
        found = true
      end
    end
  end
  assert(found, '"' .. wanted .. '" not offered; got: ' .. vim.inspect(labels))

  -- The unfinished line is a syntax error: diagnostics reach the editor.
  local diagnosed = vim.wait(10000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  assert(diagnosed, 'no diagnostics for the unfinished line')
  return #labels .. ' completion items; ' .. #vim.diagnostic.get(bufnr) .. ' diagnostics'
end

local ok, detail = pcall(run)
finish(ok and 'ok' or 'failed', tostring(detail))
