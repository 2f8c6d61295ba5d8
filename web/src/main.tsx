/** Entry point: USWDS styles (fonts and icons bundled by Vite), the app's own additions, then the React root. */
import "@uswds/uswds/css/uswds.min.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
