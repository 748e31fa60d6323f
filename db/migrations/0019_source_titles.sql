-- Registry entries whose title or publisher was Dutch while the source is English, or that were
-- registered as English while they are Dutch pages (issue #17): a title is shown with the
-- source's language as its `lang`, so the two must agree (db/seed/content/README.md). The seed
-- files (db/seed/sources/*.yaml) have the same change; the seed leaves sources that exist to the
-- moderators, so this brings databases seeded before it in line. Each column changes only where
-- it still holds what the seed wrote, so a moderator's own edit stays. The search index follows
-- at the next start (reindexStaleSources, app/modules/kennisbank/sources.server.ts).
UPDATE "source" SET "title" = 'ARSCLIST (2009): decay, storage and playback of wire recordings' WHERE "key" = 'arsclist-draad-2009' AND "title" = 'ARSCLIST (2009): verval, opslag en afspelen van draadopnamen';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'ARSCLIST, mailing list of the Association for Recorded Sound Collections' WHERE "key" = 'arsclist-draad-2009' AND "publisher" = 'ARSCLIST, mailinglijst van de Association for Recorded Sound Collections';
--> statement-breakpoint
UPDATE "source" SET "title" = 'ARSCLIST (2014): on lacquer discs' WHERE "key" = 'arsclist-lakplaat-2014' AND "title" = 'ARSCLIST (2014): over lakplaten';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'ARSCLIST, mailing list of the Association for Recorded Sound Collections' WHERE "key" = 'arsclist-lakplaat-2014' AND "publisher" = 'ARSCLIST, mailinglijst van de Association for Recorded Sound Collections';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Post on reading back an old data tape (cctalk)' WHERE "key" = 'classiccmp-tape-software' AND "title" = 'Bericht over het teruglezen van een oude databand (cctalk)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'cctalk mailing list, classiccmp.org' WHERE "key" = 'classiccmp-tape-software' AND "publisher" = 'cctalk-mailinglijst, classiccmp.org';
--> statement-breakpoint
UPDATE "source" SET "title" = 'vhs-decode: decoding RF captures of analogue videotape' WHERE "key" = 'vhs-decode' AND "title" = 'vhs-decode: RF-capture van analoge videoband';
--> statement-breakpoint
UPDATE "source" SET "title" = 'vhs-decode, issue 20: support for more tape formats' WHERE "key" = 'vhs-decode-20' AND "title" = 'vhs-decode, issue 20: ondersteuning van extra bandformaten';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Indiana University, MDPI: totals per format' WHERE "key" = 'iu-mdpi-totals' AND "title" = 'Indiana University, MDPI: totalen per formaat';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Sound Directions: Best Practices for Audio Preservation' WHERE "key" = 'sound-directions' AND "title" = 'Sound Directions (Indiana University en Harvard)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Indiana University and Harvard University' WHERE "key" = 'sound-directions' AND "publisher" = 'Indiana University en Harvard University';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Indiana University and Harvard University' WHERE "key" = 'sounddirections' AND "publisher" = 'Indiana University en Harvard University';
--> statement-breakpoint
UPDATE "source" SET "title" = 'NYPL AMI Preservation: AMI Specifications' WHERE "key" = 'nypl-ami-specs' AND "title" = 'NYPL AMI Preservation: AMI Specifications (bewaarmasters en gebruikskopieën per dragergroep)';
--> statement-breakpoint
UPDATE "source" SET "language" = 'nl' WHERE "key" = 'projecttracks-azijnsyndroom-sepmag' AND "language" = 'en';
--> statement-breakpoint
UPDATE "source" SET "language" = 'nl' WHERE "key" = 'avarchivering-iasa-tc04' AND "language" = 'en';
--> statement-breakpoint
UPDATE "source" SET "language" = 'nl' WHERE "key" = 'avanet-kennisbank-tc05' AND "language" = 'en';
