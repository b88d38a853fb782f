/// The one stylesheet, served from /style.css: calm, readable on a school laptop and a phone, printable.
enum WebStyle {
    static let css = """
    *{box-sizing:border-box}
    body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"PT Sans",sans-serif;color:#1f2328;background:#f6f7f9}
    header{background:#24466b;padding:.4rem 1rem}
    nav a{color:#fff;text-decoration:none;margin-right:1.1rem;display:inline-block;padding:.25rem 0}
    nav a:hover{text-decoration:underline}
    header{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem}
    form.logout{color:#fff;white-space:nowrap}form.logout button{margin:0 0 0 .4rem;padding:.2rem .8rem}
    main{max-width:1280px;margin:0 auto;padding:1rem 1.2rem 3rem;background:#fff;min-height:100vh}
    h1{font-size:1.5rem;margin:.4rem 0 1rem;font-weight:600}
    h2{font-size:1.15rem;margin:1.4rem 0 .6rem}
    a{color:#1a5fb4}
    .scroll{overflow-x:auto}
    table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
    th,td{border-bottom:1px solid #dde1e6;padding:.4rem .5rem;text-align:left;vertical-align:top}
    th{background:#eef1f5;font-weight:600;white-space:nowrap}
    tr:hover td{background:#f8fafc}
    form.inline{display:inline}
    label{display:block;margin:.6rem 0 .2rem;font-weight:600}
    input,select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid #b8c0cc;border-radius:4px;width:100%;max-width:36rem;background:#fff}
    input[type=checkbox],input[type=radio]{width:auto}
    fieldset.choices{border:1px solid #dde1e6;border-radius:4px;margin:.8rem 0;max-width:36rem;max-height:16rem;overflow-y:auto}
    label.choice{font-weight:400;margin:.2rem 0}
    button,.button{font:inherit;padding:.4rem 1rem;border:1px solid #24466b;border-radius:4px;background:#24466b;color:#fff;cursor:pointer;text-decoration:none;display:inline-block;margin:.6rem .4rem .2rem 0}
    button.secondary,.button.secondary{background:#fff;color:#24466b}
    button.danger{background:#a51d2d;border-color:#a51d2d}
    .search{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
    .search input{max-width:24rem}
    .search button,.search .button{margin:0}
    .actions{margin-top:.8rem}
    .notice{background:#e7f4ea;border-left:4px solid #2f7d44;padding:.5rem .8rem}
    .caution{background:#fff4e5;border-left:4px solid #b45309;padding:.5rem .8rem}
    .error{background:#fbeaea;border-left:4px solid #a51d2d;padding:.5rem .8rem}
    .muted{color:#5c6470}
    .mark{display:block;font-size:.85em}
    .refused{display:block;color:#a51d2d;font-size:.85em}
    p.hint{margin:.25rem 0 0;font-size:.9rem;max-width:36rem}
    .ok{color:#2f7d44}
    .warn{color:#9a3412}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.8rem}
    .cards a{display:block;padding:.8rem 1rem;border:1px solid #dde1e6;border-radius:6px;text-decoration:none}
    .cards a:hover{border-color:#1a5fb4}
    .side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
    .side div{border:1px solid #dde1e6;border-radius:6px;padding:.6rem .8rem}
    @media (max-width:640px){main{padding:.6rem}.side{grid-template-columns:1fr}th,td{padding:.3rem}
    thead{display:none}table,tbody,tr,td{display:block;width:100%}tr{border-bottom:1px solid #b8c0cc;padding:.3rem 0}td{border:0}
    td[data-label]::before{content:attr(data-label) ": ";color:#5c6470}td:empty{display:none}}
    @media print{header,form,.button,button,.search,.pager{display:none}main{max-width:none;padding:0}body{background:#fff}}
    """
}
