-- End-to-end run in a real editor, started by lsp/tests/neovim.rs:
--   nvim --headless --clean -u editors/neovim/minimal.lua -c 'luafile lsp/tests/nvim/e2e.lua'
-- with LAUREL_LSP (the server binary), LAUREL_E2E_FILE (a copy of an example file) and
-- LAUREL_E2E_OUT (where the result goes). The editor's own configuration attaches the
-- server (vim.lsp.start_client + vim.lsp.buf_attach_client on Neovim 0.7); this script
-- opens the file, types `skill esco "manage fin` on a new line, asks for completion with
-- vim.lsp.buf_request_sync and checks the ESCO label offered. With LAUREL_E2E_CREDENTIAL
-- (a credential file whose awarding process has no awarding body) it then runs the
-- server's command `laurel-lsp.validateCredential` on that file and checks that the
-- shape violation (L0603) shows on the file's buffer.

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

-- The credential file in a buffer of its own, validated through workspace/executeCommand
-- from the Laurel buffer's client.
local function validate(client, credential)
  vim.cmd('edit ' .. vim.fn.fnameescape(credential))
  local json = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(json)
  local response = client.request_sync('workspace/executeCommand', {
    command = 'laurel-lsp.validateCredential',
    arguments = { { textDocument = { uri = uri } } },
  }, 30000, json)
  assert(response and not response.err, 'executeCommand failed: ' .. vim.inspect(response))
  local answer = response.result
  assert(answer.conforms == false, 'the broken credential conforms: ' .. vim.inspect(answer))
  local violation
  local shown = vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(json)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'L0603' then
        violation = d
        return true
      end
    end
    return false
  end, 20)
  assert(shown, 'no L0603 on the credential buffer: ' .. vim.inspect(vim.diagnostic.get(json)))
  local line = vim.api.nvim_buf_get_lines(json, violation.lnum, violation.lnum + 1, false)[1]
  assert(line:find('urn:epass:awardingProcess:1', 1, true), 'L0603 is on line ' .. violation.lnum .. ': ' .. line)
  return answer.errors .. ' error(s) in the credential'
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
  local summary = #labels .. ' completion items; ' .. #vim.diagnostic.get(bufnr) .. ' diagnostics'
  local credential = vim.env.LAUREL_E2E_CREDENTIAL
  if credential then
    summary = summary .. '; ' .. validate(client, credential)
  end
  return summary
end

local ok, detail = pcall(run)
finish(ok and 'ok' or 'failed', tostring(detail))
