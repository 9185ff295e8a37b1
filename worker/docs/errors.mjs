// Build-time, for responses.mjs: the error codes each operation can answer, read off the source. From each
// route's handlers (its validators, authorizers and handler) it follows every function and value they name in
// the project's own code, transitively, and collects each `new ApiError(status, "code")` and
// `c.json(errorBody("code"), status)` it reaches. A helper that takes the code or the status as a parameter
// (`ruleError(user, 409, "cycle_closed")`) gets them from each call's arguments. What it reaches is what the
// code could throw on some path, so the list may hold a code a given call never meets, never miss one the
// code throws (tests/docs/documented.ts checks every error the test suite meets against it).
import { relative } from "node:path";
import ts from "typescript";

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);
const BODIED = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.ClassDeclaration,
]);

export function errorWalker(program, root) {
  const checker = program.getTypeChecker();
  const own = (node) => {
    const file = node.getSourceFile().fileName;
    return !file.includes("node_modules") && !file.endsWith(".d.ts") && !relative(root, file).startsWith("..");
  };
  const resolve = (node) => {
    let sym = checker.getSymbolAtLocation(node);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    return (sym?.declarations ?? []).filter((d) => BODIED.has(d.kind) && own(d));
  };
  const declaredAs = (node, file, name) =>
    resolve(node).some((d) => d.name?.text === name && d.getSourceFile().fileName.endsWith(file));
  const unresolved = new Set();

  /** A literal argument's values; a parameter of `fn` as `{ param }`; otherwise what its type allows. */
  function valuesOf(expr, fn) {
    if (ts.isIdentifier(expr) && fn) {
      const decl = checker.getSymbolAtLocation(expr)?.valueDeclaration;
      if (decl && ts.isParameter(decl) && decl.parent === fn) return { param: fn.parameters.indexOf(decl) };
    }
    const type = checker.getTypeAtLocation(expr);
    const members = type.isUnion() ? type.types : [type];
    if (members.every((t) => t.isLiteral())) return { values: members.map((t) => t.value) };
    unresolved.add(`${relative(root, expr.getSourceFile().fileName)}: ${expr.getText()}`);
    return { values: [] };
  }

  // In-process events and batch hooks (worker/lib/events.ts): what `X.on(listener)` subscribes anywhere runs
  // where `X.emit` (a hook's `X.statements`) is called.
  const listeners = new Map();
  const isEvent = (decl) =>
    ts.isVariableDeclaration(decl) &&
    decl.initializer &&
    ts.isCallExpression(decl.initializer) &&
    (declaredAs(decl.initializer.expression, "worker/lib/events.ts", "createEvent") ||
      declaredAs(decl.initializer.expression, "worker/lib/events.ts", "createBatchHook"));
  for (const file of program.getSourceFiles().filter(own)) {
    const find = (n) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "on")
        for (const decl of resolve(n.expression.expression).filter(isEvent))
          listeners.set(decl, [...(listeners.get(decl) ?? []), ...n.arguments]);
      ts.forEachChild(n, find);
    };
    find(file);
  }
  const listenerMemo = new Map();
  const listenersOf = (decl) => {
    if (!listenerMemo.has(decl)) {
      listenerMemo.set(decl, []); // a listener that emits the same event adds nothing new
      listenerMemo.set(
        decl,
        (listeners.get(decl) ?? []).flatMap((l) => collect(l)),
      );
    }
    return listenerMemo.get(decl);
  };

  const memo = new Map();
  /** What a declaration can throw: `{ status, code }` pairs, each `{ values }` or `{ param }` of its function. */
  function thrownBy(decl) {
    if (memo.has(decl)) return memo.get(decl);
    const found = [];
    memo.set(decl, found); // recursion: a cycle adds nothing new
    const fn =
      ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)
        ? decl
        : decl.initializer && ts.isArrowFunction(decl.initializer)
          ? decl.initializer
          : undefined;
    const body = ts.isClassDeclaration(decl) ? decl : (decl.body ?? decl.initializer);
    if (body) found.push(...collect(body, fn));
    return found;
  }

  function collect(node, fn) {
    const out = [];
    const bind = (entry, args) => {
      const pick = (v) => (v.param === undefined ? v : args[v.param] ? valuesOf(args[v.param], fn) : { values: [] });
      return { status: pick(entry.status), code: pick(entry.code) };
    };
    const visit = (n) => {
      if (ts.isNewExpression(n) && declaredAs(n.expression, "worker/lib/errors.ts", "ApiError")) {
        const [status, code] = n.arguments ?? [];
        out.push({ status: valuesOf(status, fn), code: valuesOf(code, fn) });
      } else if (
        ts.isCallExpression(n) &&
        n.arguments.length === 2 &&
        ts.isCallExpression(n.arguments[0]) &&
        declaredAs(n.arguments[0].expression, "worker/lib/errors.ts", "errorBody")
      ) {
        out.push({ status: valuesOf(n.arguments[1], fn), code: valuesOf(n.arguments[0].arguments[0], fn) });
      }
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression;
        for (const decl of resolve(callee)) for (const e of thrownBy(decl)) out.push(bind(e, n.arguments ?? []));
        // An event's emit, a batch hook's statements: its listeners run there.
        if ((callee.text === "emit" || callee.text === "statements") && n.expression !== callee)
          for (const decl of resolve(n.expression.expression).filter(isEvent)) out.push(...listenersOf(decl));
        if (n.expression !== callee) visit(n.expression.expression);
        else if (!ts.isIdentifier(callee)) visit(callee);
        for (const a of n.arguments ?? []) visit(a);
        return;
      }
      if (ts.isIdentifier(n)) {
        // Named, not called here (a callback, a table of functions): whatever it throws with its own values.
        for (const decl of resolve(n))
          for (const e of thrownBy(decl)) if (e.status.param === undefined && e.code.param === undefined) out.push(e);
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    return out;
  }

  /** `{ "404": ["not_found"], … }` from collected entries. */
  const byStatus = (entries) => {
    const out = {};
    for (const { status, code } of entries)
      for (const s of status.values ?? []) {
        out[s] ??= new Set();
        for (const c of code.values ?? []) out[s].add(c);
      }
    return Object.fromEntries(
      Object.entries(out)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([s, codes]) => [s, [...codes].sort()]),
    );
  };

  /** The links of a chained call `a.b(…).c(…)`, outermost last. */
  const chain = (expr) => {
    const links = [];
    while (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
      links.unshift({ name: expr.expression.name.text, args: expr.arguments });
      expr = expr.expression.expression;
    }
    return { root: expr, links };
  };
  /** The router an expression names: a variable's chained initializer, or what a function returns. */
  const routerOf = (expr) => {
    const target = ts.isCallExpression(expr) ? expr.expression : expr;
    for (const decl of resolve(target)) {
      if (ts.isVariableDeclaration(decl)) return decl.initializer;
      if (ts.isFunctionDeclaration(decl)) {
        const ret = decl.body.statements.find(ts.isReturnStatement);
        if (ret) return ret.expression;
      }
    }
    throw new Error(`docs: cannot follow the router ${expr.getText()}`);
  };
  const join = (prefix, path) => (path === "/" ? prefix : `${prefix}${path}`).replace(/:(\w+)/g, "{$1}");

  /** Per operation (`get /api/…`), its codes by status; and those every request can meet (app middleware). */
  function operations(appFile) {
    const source = program.getSourceFile(appFile);
    const declared = (name) =>
      source.statements
        .filter(ts.isVariableStatement)
        .flatMap((s) => s.declarationList.declarations)
        .find((d) => d.name.text === name).initializer;
    const ops = {};
    const walkRouter = (expr, prefix, inherited) => {
      const { root: base, links } = chain(expr);
      let common = [...inherited, ...(ts.isCallExpression(base) ? collect(base) : [])];
      for (const { name, args } of links) {
        if (name === "use") common = [...common, ...args.flatMap((a) => collect(a))];
        else if (name === "route") walkRouter(routerOf(args[1]), join(prefix, args[0].text), common);
        else if (METHODS.has(name)) {
          const entries = [...common, ...args.slice(1).flatMap((a) => collect(a))];
          ops[`${name} ${join(prefix, args[0].text)}`] = byStatus(entries);
        }
      }
    };
    walkRouter(declared("api"), "/api", []);
    const every = chain(declared("app"))
      .links.filter((l) => l.name === "use")
      .flatMap((l) => l.args.slice(1).flatMap((a) => collect(a)));
    return { operations: ops, everyOperation: byStatus(every), unresolved: [...unresolved] };
  }
  return operations;
}
