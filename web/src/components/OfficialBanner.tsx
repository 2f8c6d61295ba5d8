/**
 * The USWDS "official website" banner. Built from react-uswds's Banner parts rather than <GovBanner>, because
 * GovBanner inlines its images as data: URIs; these come from @uswds/uswds as bundled files ('self' under the CSP).
 */
import { Banner, BannerButton, BannerContent, BannerFlag, BannerGuidance, BannerHeader, BannerIcon, MediaBlockBody } from "@trussworks/react-uswds";
import dotGovIcon from "@uswds/uswds/img/icon-dot-gov.svg";
import httpsIcon from "@uswds/uswds/img/icon-https.svg";
import flag from "@uswds/uswds/img/us_flag_small.png";
import { useState } from "react";

export function OfficialBanner() {
  const [open, setOpen] = useState(false);
  return (
    <Banner aria-label="Official website of the United States government" data-testid="gov-banner">
      <BannerHeader
        isOpen={open}
        flagImg={<BannerFlag src={flag} aria-hidden alt="" />}
        headerText="An official website of the United States government"
        headerActionText="Here’s how you know"
      >
        <BannerButton isOpen={open} aria-controls="gov-banner-content" onClick={() => setOpen((o) => !o)}>
          Here’s how you know
        </BannerButton>
      </BannerHeader>
      <BannerContent id="gov-banner-content" isOpen={open}>
        <div className="grid-row grid-gap-lg">
          <BannerGuidance className="tablet:grid-col-6">
            <BannerIcon src={dotGovIcon} alt="" />
            <MediaBlockBody>
              <p>
                <strong>Official websites use .gov</strong>
                <br />A <strong>.gov</strong> website belongs to an official government organization in the United States.
              </p>
            </MediaBlockBody>
          </BannerGuidance>
          <BannerGuidance className="tablet:grid-col-6">
            <BannerIcon src={httpsIcon} alt="" />
            <MediaBlockBody>
              <p>
                <strong>Secure .gov websites use HTTPS</strong>
                <br />A <strong>lock</strong> or <strong>https://</strong> means you’ve safely connected to the .gov website. Share sensitive information only
                on official, secure websites.
              </p>
            </MediaBlockBody>
          </BannerGuidance>
        </div>
      </BannerContent>
    </Banner>
  );
}
