import { Module } from '@nestjs/common';
import { DemoDirectory } from './demo-directory.js';

/** The example app's users, organisations and integrations. */
@Module({
  providers: [DemoDirectory],
  exports: [DemoDirectory],
})
export class DirectoryModule {}
