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
--> statement-breakpoint
-- Titles that were our Dutch descriptions of English documents, and publishers described in
-- Dutch, now in English like the documents (the same change as in the seed files).
--> statement-breakpoint
UPDATE "source" SET "title" = 'AMIA, fact sheet on nitrate film' WHERE "key" = 'amia-nitrate' AND "title" = 'AMIA, fact sheet over nitraatfilm';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Brock-Nannestad, ARSCLIST (2005): composition, cores and decay of lacquer discs' WHERE "key" = 'arsclist-brock-nannestad-2005' AND "title" = 'Brock-Nannestad, ARSCLIST (2005): samenstelling, kernen en verval van lakplaten';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Goldman, ARSCLIST (2003): acidic sleeves and the sensitivity of lacquer and shellac discs' WHERE "key" = 'arsclist-goldman-2003' AND "title" = 'Goldman, ARSCLIST (2003): zure hoezen en de gevoeligheid van lak- en schellakplaten';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Iraci, posts on ARSCLIST (2005, 2008) on the stability of CD-R and DVD-R' WHERE "key" = 'arsclist-iraci' AND "title" = 'Iraci, bijdragen op ARSCLIST (2005, 2008) over de stabiliteit van cd-r en dvd-r';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Enticknap, film-tech: on film bases (nitrate and safety film)' WHERE "key" = 'enticknap-film-tech' AND "title" = 'Enticknap, film-tech: over filmdragers (nitraat en veiligheidsfilm)';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Hackaday / Techmoan, on wire recorders' WHERE "key" = 'hackaday-techmoan-draad' AND "title" = 'Hackaday / Techmoan, over draadrecorders';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Henderson, notes on baking magnetic tape' WHERE "key" = 'henderson-baking' AND "title" = 'Henderson, notities over het bakken van magneetband';
--> statement-breakpoint
UPDATE "source" SET "title" = 'IU MDPI blog on U-matic: ''The Island of Misfit Tapes''' WHERE "key" = 'iu-mdpi-umatic-blog' AND "title" = 'IU MDPI-blog over U-matic: ''The Island of Misfit Tapes''';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Kodak, publication H-182 (film bases, nitrate and storage)' WHERE "key" = 'kodak-h182' AND "title" = 'Kodak, publicatie H-182 (filmdragers, nitraat en opslag)';
--> statement-breakpoint
UPDATE "source" SET "title" = 'NARA, guidance on scanning film in advanced decay' WHERE "key" = 'nara-film-scanning' AND "title" = 'NARA, richtlijn voor het scannen van film in vergevorderd verval';
--> statement-breakpoint
UPDATE "source" SET "title" = 'NEDCC, IRENE: optical scanning of damaged discs' WHERE "key" = 'nedcc-irene' AND "title" = 'NEDCC, IRENE: optisch scannen van beschadigde platen';
--> statement-breakpoint
UPDATE "source" SET "title" = 'NIST (Slattery et al., 2004): accelerated ageing tests of optical discs' WHERE "key" = 'nist-optical-2004' AND "title" = 'NIST (Slattery e.a., 2004): versnelde-verouderingstests van optische schijven';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Theatre Catalog (1952): on the decay of nitrate film' WHERE "key" = 'theatre-catalog-1952' AND "title" = 'Theatre Catalog (1952): over het verval van nitraatfilm';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Total Rewind (video museum), page on Video 2000' WHERE "key" = 'totalrewind-video2000' AND "title" = 'Total Rewind (videomuseum), pagina over Video 2000';
--> statement-breakpoint
UPDATE "source" SET "title" = 'baileyzone: wire recorder information (spool types and repair)' WHERE "key" = 'baileyzone-wire' AND "title" = 'baileyzone: informatie over draadrecorders (spoeltypen en reparatie)';
--> statement-breakpoint
UPDATE "source" SET "title" = 'dvbackup, manual (man page): 13 GB per tape at 3.6 MB/s' WHERE "key" = 'dvbackup-man' AND "title" = 'dvbackup, handleiding (man page): 13 GB per band bij 3,6 MB/s';
--> statement-breakpoint
UPDATE "source" SET "title" = 'minidisc.org FAQ: generation loss with ATRAC' WHERE "key" = 'minidisc-org-faq' AND "title" = 'minidisc.org FAQ: generatieverlies bij ATRAC';
--> statement-breakpoint
UPDATE "source" SET "title" = 'Dalhousie Libraries: wiki of format descriptions (Video8, Hi8, Digital8)' WHERE "key" = 'dalhousie-video8' AND "title" = 'Dalhousie Libraries: wiki met formaatbeschrijvingen (Video8, Hi8, Digital8)';
--> statement-breakpoint
UPDATE "source" SET "title" = 'QCTools, issue 480: default profiles per format' WHERE "key" = 'qctools-480' AND "title" = 'QCTools, issue 480: standaardprofielen per formaat';
--> statement-breakpoint
UPDATE "source" SET "title" = 'dvrescue, issue 897: no capture on Windows' WHERE "key" = 'dvrescue-897' AND "title" = 'dvrescue, issue 897: geen capture onder Windows';
--> statement-breakpoint
UPDATE "source" SET "title" = 'dvrescue, issue 996: user report on FireWire under macOS Tahoe' WHERE "key" = 'dvrescue-996' AND "title" = 'dvrescue, issue 996: gebruikersmelding over FireWire onder macOS Tahoe';
--> statement-breakpoint
UPDATE "source" SET "title" = 'MediaConch (source code and documentation)' WHERE "key" = 'mediaconch' AND "title" = 'MediaConch (broncode en documentatie)';
--> statement-breakpoint
UPDATE "source" SET "title" = 'HD Videotape Cassette Formats' WHERE "key" = 'docslib-hd-cassette-formats' AND "title" = 'HD Videotape Cassette Formats (afmetingen en opmerkingen per formaat)';
--> statement-breakpoint
UPDATE "source" SET "title" = 'NYPL AMI Preservation: documentation and specifications (audio, video, film, optical media)' WHERE "key" = 'nypl-ami' AND "title" = 'NYPL AMI Preservation: documentatie en specificaties (audio, video, film, optische media)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'BAVC and partners' WHERE "key" = 'av-artifact-atlas' AND "publisher" = 'BAVC en partners';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Wikipedia (English), version of 10 August 2023' WHERE "key" = 'wikipedia-dictabelt' AND "publisher" = 'Wikipedia (Engels), versie van 10 augustus 2023';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'WikiMili (copy of Wikipedia)' WHERE "key" = 'wikimili-dcc' AND "publisher" = 'WikiMili (kopie van Wikipedia)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'WikiMili (copy of Wikipedia)' WHERE "key" = 'cd-bronzing' AND "publisher" = 'WikiMili (kopie van Wikipedia)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'presentation, published on vdocuments.mx' WHERE "key" = 'film-basics-formats' AND "publisher" = 'presentatie, gepubliceerd op vdocuments.mx';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Dappert, Jackson and Kimura (DPC, British Library)' WHERE "key" = 'dpc-handheld-media' AND "publisher" = 'Dappert, Jackson en Kimura (DPC, British Library)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'juliantrubin.com (encyclopedia article, after Wikipedia)' WHERE "key" = 'optical-media-preservation-encyclopedie' AND "publisher" = 'juliantrubin.com (encyclopedie-artikel, naar Wikipedia)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'docslib.org (student paper, author Villereal)' WHERE "key" = 'villereal-eiaj-history' AND "publisher" = 'docslib.org (studentpaper, auteur Villereal)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Code4Lib Journal, issue 57 (Andrew Weaver and Ashley Blewer)' WHERE "key" = 'code4lib-vcd' AND "publisher" = 'Code4Lib Journal, nr. 57 (Andrew Weaver en Ashley Blewer)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Total Rewind (virtual museum of the video recorder)' WHERE "key" = 'totalrewind-philips-n1700' AND "publisher" = 'Total Rewind (virtueel museum van de videorecorder)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'radionold.blogspot.com (blog of a television repairer)' WHERE "key" = 'radionold-philips-n1500' AND "publisher" = 'radionold.blogspot.com (blog van een televisiereparateur)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Tape Resources (copy of a Sony FAQ)' WHERE "key" = 'taperesources-xdcam' AND "publisher" = 'Tape Resources (kopie van een Sony-FAQ)';
--> statement-breakpoint
UPDATE "source" SET "publisher" = 'Lemac (camera rental company)' WHERE "key" = 'lemac-p2-card' AND "publisher" = 'Lemac (verhuurbedrijf voor camera''s)';
--> statement-breakpoint
UPDATE "source" SET "language" = 'nl' WHERE "key" = 'kvan-jb-2018-selection' AND "language" = 'en';
