/** Entry point: USWDS styles (fonts and icons bundled by Vite), the app's own additions, then the React root with its server-state cache and router. */
import "@uswds/uswds/css/uswds.min.css";
import "./app.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Router, type AroundNavHandler } from "wouter";
import { App } from "./App.tsx";
import { queryClient } from "./query.ts";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

/** A click on a link to the page already shown adds no history entry; a new page starts at its top (replacing, as filters do, keeps the scroll). */
const aroundNav: AroundNavHandler = (navigate, to, options) => {
  if (to === window.location.pathname + window.location.search) return;
  navigate(to, options);
  if (!options?.replace) window.scrollTo(0, 0);
};

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Router aroundNav={aroundNav}>
        <App />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
