-- A minimal Neovim configuration with Laurel support and nothing else:
--   nvim --clean -u editors/neovim/minimal.lua examples/university/credentials.laurel
-- (`--clean` skips your own configuration and plugins.) Completion: <C-x><C-o>.
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
vim.opt.runtimepath:prepend(here)
vim.cmd('filetype plugin on')
vim.cmd('syntax on')
dofile(here .. '/laurel.lua')

-- Keys for the usual LSP features.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'laurel',
  callback = function(args)
    local opts = { buffer = args.buf }
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
    vim.keymap.set('n', 'gd', vim.lsp.buf.definition, opts)
    vim.keymap.set('n', 'gr', vim.lsp.buf.references, opts)
    vim.keymap.set('n', '<leader>rn', vim.lsp.buf.rename, opts)
    vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, opts)
    vim.keymap.set('n', '<leader>f', function()
      if vim.lsp.buf.format then vim.lsp.buf.format() else vim.lsp.buf.formatting() end
    end, opts)
    vim.keymap.set('n', '<leader>s', vim.lsp.buf.document_symbol, opts)
  end,
})
