" Laurel syntax: keywords, strings, comments, IRIs, numbers and dates. The language
" server adds semantic highlighting (names, vocabulary values, ESCO skills) where the
" editor supports it (Neovim 0.9+).
if exists('b:current_syntax')
  finish
endif

syntax match laurelItem /^\(organisation\|micro-credential\|qualification\|template\|outcome\|award\)\>/
syntax keyword laurelKeyword from esco to none stand-alone
syntax match laurelField /^\s\+\zs[a-z][a-z0-9-]*/
syntax match laurelIri /<[^> \t]\+>/
syntax match laurelDate /\<\d\{4}-\d\{2}-\d\{2}\(T[0-9:.]\+\(Z\|[+-]\d\{2}:\d\{2}\)\)\?\>/
syntax match laurelNumber /\<\d\+\(\.\d\+\)\?\>/
syntax region laurelText start=/"""/ end=/"""/ contains=laurelEscape
syntax region laurelString start=/"/ skip=/\\\\\|\\"/ end=/"/ oneline contains=laurelEscape
syntax match laurelEscape /\\\(["\\nt]\|u{\x\+}\)/ contained
syntax match laurelLang /"\@<=@[a-zA-Z]\{2,3}\(-[a-zA-Z0-9]\+\)*/
syntax match laurelComment /\/\/.*$/
syntax match laurelDoc /\/\/\/.*$/

highlight default link laurelItem Keyword
highlight default link laurelKeyword Keyword
highlight default link laurelField Identifier
highlight default link laurelIri Underlined
highlight default link laurelDate Constant
highlight default link laurelNumber Number
highlight default link laurelText String
highlight default link laurelString String
highlight default link laurelEscape SpecialChar
highlight default link laurelLang Type
highlight default link laurelDoc SpecialComment
highlight default link laurelComment Comment

let b:current_syntax = 'laurel'
