module.exports = require('./global-database').teardown;
