-- Laurel in Neovim (0.7 or newer): the `laurel` filetype and the `laurel-lsp` language
-- server attached to every .laurel buffer.
--
-- Use it from your init.lua:
--   dofile('/path/to/laurel/editors/neovim/laurel.lua')
-- and put editors/neovim on the runtimepath for the syntax file:
--   vim.opt.runtimepath:append('/path/to/laurel/editors/neovim')
--
-- The server command is `laurel-lsp` from PATH, or $LAUREL_LSP when set.

local M = {}

M.cmd = { vim.env.LAUREL_LSP or 'laurel-lsp' }

-- Neovim 0.7 has vim.filetype.add; older versions fall back to the ftdetect file.
if vim.filetype and vim.filetype.add then
  vim.filetype.add({ extension = { laurel = 'laurel' } })
end

-- The project root: the nearest folder with Laurel.toml, else the file's folder.
function M.root_dir(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  local manifest = vim.fn.findfile('Laurel.toml', dir .. ';')
  if manifest ~= '' then
    return vim.fn.fnamemodify(manifest, ':p:h')
  end
  return dir
end

-- One client per project root (Neovim 0.7 has no vim.lsp.start, which reuses clients).
local clients = {}

function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local root = M.root_dir(bufnr)
  if vim.lsp.start then -- Neovim 0.8+
    return vim.lsp.start({ name = 'laurel-lsp', cmd = M.cmd, root_dir = root }, { bufnr = bufnr })
  end
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client({
      name = 'laurel-lsp',
      cmd = M.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      flags = { debounce_text_changes = 50 },
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'laurel',
  callback = function(args)
    vim.bo[args.buf].commentstring = '// %s'
    vim.bo[args.buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
    M.attach(args.buf)
  end,
})

_G.laurel = M
return M
