-- Cycles created before clearance lists existed get the standard defaults (the loader writes the
-- same rows for new cycles): the narrative's regional bureau, DRL and L clear; J is informed.
INSERT OR IGNORE INTO `clearance_defaults` (`cycle_year`, `document_kind`, `office`, `mode`) SELECT `year`, 'country_narrative', 'REGIONAL_BUREAU', 'clear' FROM `report_cycles`;
--> statement-breakpoint
INSERT OR IGNORE INTO `clearance_defaults` (`cycle_year`, `document_kind`, `office`, `mode`) SELECT `year`, 'country_narrative', 'DRL', 'clear' FROM `report_cycles`;
--> statement-breakpoint
INSERT OR IGNORE INTO `clearance_defaults` (`cycle_year`, `document_kind`, `office`, `mode`) SELECT `year`, 'country_narrative', 'L', 'clear' FROM `report_cycles`;
--> statement-breakpoint
INSERT OR IGNORE INTO `clearance_defaults` (`cycle_year`, `document_kind`, `office`, `mode`) SELECT `year`, 'country_narrative', 'J', 'info' FROM `report_cycles`;
--> statement-breakpoint
INSERT OR IGNORE INTO `clearance_defaults` (`cycle_year`, `document_kind`, `office`, `mode`) SELECT `year`, 'report_section', 'DRL', 'clear' FROM `report_cycles`;
--> statement-breakpoint
INSERT OR IGNORE INTO `clearance_defaults` (`cycle_year`, `document_kind`, `office`, `mode`) SELECT `year`, 'report_section', 'L', 'clear' FROM `report_cycles`;
--> statement-breakpoint
INSERT OR IGNORE INTO `clearance_defaults` (`cycle_year`, `document_kind`, `office`, `mode`) SELECT `year`, 'report_section', 'J', 'info' FROM `report_cycles`;
