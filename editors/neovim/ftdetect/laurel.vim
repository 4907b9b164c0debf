" Laurel files (for Neovim versions without vim.filetype.add).
autocmd BufRead,BufNewFile *.laurel setfiletype laurel
